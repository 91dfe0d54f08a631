// What the text of a code block looks like: shell commands (with or without prompts), a file, SQL,
// program output. Pure functions over lines; every regex is anchored and bounded (the text may be hostile).

/** First words that are commands on the machines these procedures run on. */
const COMMANDS = new Set(
  `
kubectl helm docker podman buildah skopeo git sudo su systemctl service journalctl curl wget ssh scp sftp rsync cp mv rm
mkdir rmdir chmod chown chgrp ln ls cat tail head less more grep egrep awk sed find tar gzip gunzip zcat unzip zip xz
echo printf export set unset source cd pushd popd pwd env npm npx yarn pnpm node deno bun python python3 pip pip3
pipx poetry uv go make cmake cargo rustup mvn gradle gradlew java ruby gem bundle bundler rails rake php composer
apt apt-get aptitude yum dnf zypper apk brew snap flatpak dpkg rpm terraform tofu terragrunt ansible ansible-playbook
vagrant packer aws gcloud az gsutil bq eksctl kubeadm kubelet minikube kind k3s k3d crictl ctr nerdctl openssl psql
mysql mysqladmin mysqldump mysqlbinlog pg_dump pg_dumpall pg_restore pg_basebackup pg_ctl pg_ctlcluster pg_upgrade
pg_upgradecluster pg_lsclusters pg_isready redis-cli valkey-cli mongo mongosh mongodump mongorestore sqlite3 nginx
apachectl apache2ctl httpd certbot ps pgrep pkill kill killall top htop df du free uname hostname hostnamectl whoami
id date sleep watch xargs tee touch nc ncat telnet ping dig nslookup host traceroute ip ifconfig netstat ss iptables
nft firewall-cmd ufw crontab mount umount lsblk blkid fdisk parted mkfs swapoff swapon reboot shutdown poweroff
useradd usermod userdel groupadd passwd chroot docker-compose nohup timeout time true false exit for if while until
case jq yq base64 sha256sum sha1sum md5sum shasum diff patch vim vi nano emacs consul vault nomad istioctl linkerd
argocd flux kustomize skaffold tkn oc velero restic borg gh glab svn hg pm2 supervisorctl gunicorn celery wp drush
lsof strace logrotate rclone s3cmd kubectx kubens stern sysctl modprobe update-alternatives visudo timedatectl
localectl loginctl systemd-analyze ldconfig chronyc ntpq cryptsetup lvcreate lvextend vgdisplay pvcreate resize2fs
xfs_growfs zfs zpool btrfs exportfs showmount keytool update-ca-certificates update-ca-trust dnsmasq named-checkconf
haproxy keepalived varnishadm squid rabbitmqctl rabbitmq-plugins kafka-topics kafka-topics.sh zkcli cqlsh nodetool
influx clickhouse-client etcdctl cephadm ceph rbd rados gluster heketi cockroach mc minio elasticsearch-plugin
gitlab-ctl gitlab-rake gitlab-backup artisan bin/rails bin/rake manage.py alembic flyway liquibase sqlcmd mssql-cli
php-fpm uwsgi supervisord unicorn puma passenger sidekiq foreman docker-machine multipass lxc lxd virsh qemu-img
az aws-vault sam serverless sls cdk pulumi doctl linode-cli hcloud scw ibmcloud oci heroku fly flyctl vercel netlify
firebase wrangler pscale planetscale mastodon tootctl misskey gitea forgejo mattermost nextcloud occ chef knife
puppet salt salt-call salt-run ssh-keygen ssh-copy-id gpg gpg2 age sops openvpn wg wg-quick tailscale nmcli
curlie httpie http https xh grpcurl websocat ab hey wrk k6 vegeta locust iperf iperf3 mtr tcpdump tshark dd sync
fsck e2fsck tune2fs growpart cloud-init run-parts install cmd powershell pwsh reg sc net netsh msiexec choco winget
wsl icacls robocopy xcopy dir copy del move type findstr tasklist taskkill bcdedit dism sfc setx where
`
    .split(/\s+/)
    .filter(Boolean),
);

/** A prompt before a command: `$ `, `# `, `% `, `user@host:~$ `, `[root@host ~]# `, `PS C:\> `, `C:\> `, `>>> `. */
const PROMPT = new RegExp(
  String.raw`^\s{0,8}(\$|#|%|PS(?: [A-Za-z]:[^>\n]{0,80})?>|[A-Za-z]:\\[^>\n]{0,80}>|>>>|\[[^\]\n]{1,60}\][#$]` +
    String.raw`|[\w.-]{1,40}@[\w.-]{1,60}(?::[^\s$#]{0,80})?\s?[#$%])\s(.*)$`,
);
const SQL_PROMPT = /^\s{0,8}((mysql|mariadb|sqlite|SQL|cqlsh[:\w]{0,40}|redis[\w.:-]{0,40})>|[\w-]{1,40}[=-][#>])\s/;
const ASSIGN = /^[A-Za-z_][A-Za-z0-9_]{0,80}=/;
const PS_VERB = /^[A-Z][a-z]{1,15}-[A-Z][A-Za-z]{1,40}$/;
const PATH_EXEC = new RegExp(
  String.raw`^(\.{1,2}\/|~\/|\/)[\w.@+/-]{1,200}$|^[\w.-]{1,80}\.(sh|bash|py|rb|pl|ps1|bat|cmd)$` +
    String.raw`|^(bin|sbin|scripts?|tools|hack)\/[\w.@+/-]{1,120}$`,
);

/** Strip what stands before the command itself: sudo, time, env assignments. */
function headOf(line: string): string {
  let rest = line.trim();
  for (let guard = 0; guard < 6; guard++) {
    const m = /^(sudo(?:\s+-[A-Za-z]+(?:\s+\w+)?)*|time|nohup|exec|env|command|builtin|then|do|else|\{|\(|!)\s+/.exec(
      rest,
    );
    const a = /^[A-Za-z_][A-Za-z0-9_]{0,80}=("[^"]*"|'[^']*'|\S*)\s+/.exec(rest);
    const hit = m ?? a;
    if (!hit) break;
    rest = rest.slice(hit[0].length);
  }
  return rest.split(/[\s;|&<>]/, 1)[0] ?? '';
}

/** One line (a logical line: continuations joined) read as a shell command. */
export function isCommandLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 4000) return false;
  if (ASSIGN.test(t) && !/\s/.test(t.replace(/("[^"]*"|'[^']*')/g, ''))) return true;
  const head = headOf(t);
  if (!head) return false;
  if (COMMANDS.has(head) || COMMANDS.has(head.toLowerCase())) return true;
  if (
    PATH_EXEC.test(head) &&
    !/\.(ini|conf|cfg|ya?ml|json|log|txt|db|md|xml|toml|env|pem|crt|key|csv|gz|tar|zip|sql|bak)$/i.test(head)
  )
    return true;
  if (PS_VERB.test(head)) return true;
  if (/^[a-z][\w.-]{0,40}$/.test(head) && /\s(-{1,2}[a-z][\w-]*|[a-z][\w-]*)(\s|=|$)/.test(t.slice(head.length))) {
    // An unknown lower-case tool with flags (`mytool --check`, `tootctl accounts …`) still reads as a command,
    // but only when shell syntax or flags say so: a sentence of lower-case words is not one.
    return /\s-{1,2}[a-zA-Z]/.test(t) || /\s\|\s|&&|\$\(|\$\{|>\s?\/|<<\s?['"]?\w/.test(t);
  }
  return false;
}

export interface LogicalLine {
  text: string;
  /** 0-based index of its first physical line within the block. */
  index: number;
  count: number;
}

/** Physical lines joined where they end in a backslash (or a pipe / && waiting for more). */
export function logicalLines(text: string): LogicalLine[] {
  const lines = text.split('\n');
  const out: LogicalLine[] = [];
  let heredoc: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i]!;
    if (heredoc !== null) {
      if (l.trim() === heredoc) heredoc = null;
      continue;
    }
    const start = i;
    const parts = [l];
    while (/(\\|\||&&)\s*$/.test(lines[i]!) && i + 1 < lines.length) {
      parts[parts.length - 1] = parts[parts.length - 1]!.replace(/\\\s*$/, '');
      parts.push(lines[++i]!.trim());
    }
    l = parts.join(' ');
    const hd = /<<-?\s?['"]?([A-Za-z_]\w{0,30})['"]?/.exec(l);
    if (hd) heredoc = hd[1]!;
    out.push({ text: l, index: start, count: i - start + 1 });
  }
  return out;
}

const COMMENT = /^\s*(#|\/\/|REM\s|::|--\s)/;

/** Share of the block's non-comment logical lines that read as commands (0 when there are none). */
export function commandShare(text: string): { share: number; lines: number } {
  let total = 0;
  let hits = 0;
  for (const l of logicalLines(text)) {
    if (!l.text.trim() || (COMMENT.test(l.text) && !PROMPT.test(l.text))) continue;
    total++;
    if (isCommandLine(l.text)) hits++;
  }
  return { share: total ? hits / total : 0, lines: total };
}

export interface PromptSplit {
  /** The commands with their prompts removed, continuation lines kept. */
  commands: string[];
  /** 0-based line indexes (within the block) that are output. */
  outputLines: number[];
  /** 0-based line indexes that are commands. */
  commandLines: number[];
}

/**
 * Lines with a prompt are commands (with their continuation lines); the rest is their output. `# ` only counts as a
 * prompt when what follows is a command (in a shell block it is a comment); `shellComments` says which.
 */
export function splitPrompts(text: string, shellComments: boolean): PromptSplit | null {
  const lines = text.split('\n');
  const res: PromptSplit = { commands: [], outputLines: [], commandLines: [] };
  let promptSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const m = PROMPT.exec(lines[i]!);
    const isRootHash = m && m[1] === '#';
    const ok = m && (!isRootHash || (!shellComments && isCommandLine(m[2]!))) && (m[1] !== '%' || isCommandLine(m[2]!));
    if (!ok) {
      res.outputLines.push(i);
      continue;
    }
    promptSeen = true;
    let cmd = m[2]!;
    res.commandLines.push(i);
    while (/(\\|\||&&)\s*$/.test(lines[i]!) && i + 1 < lines.length) {
      i++;
      res.commandLines.push(i);
      cmd += `\n${lines[i]!.replace(/^\s{0,8}>\s/, '')}`;
    }
    res.commands.push(cmd);
  }
  if (!promptSeen) return null;
  res.outputLines = res.outputLines.filter((i) => lines[i]!.trim() !== '');
  return res;
}

export function hasSqlPrompt(text: string): boolean {
  return text.split('\n', 20).some((l) => SQL_PROMPT.test(l));
}

const SQL_KEYWORDS = [
  'SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|GRANT|REVOKE|BEGIN|START TRANSACTION|COMMIT|SET|SHOW|USE|EXPLAIN',
  'TRUNCATE|WITH|VACUUM|ANALYZE|REINDEX|CALL|FLUSH|RESET|CHANGE (MASTER|REPLICATION)|STOP (SLAVE|REPLICA)',
  'START (SLAVE|REPLICA)',
].join('|');
const SQL_START = new RegExp(String.raw`^\s*(${SQL_KEYWORDS}|\\[a-z]{1,10}\b)`, 'i');

/** SQL statements as typed into psql / mysql: a statement keyword first and a `;` (or a psql meta-command). */
export function looksLikeSql(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() && !/^\s*--/.test(l)) ?? '';
  return SQL_START.test(first) && (/;\s*$/m.test(text) || /^\s*\\[a-z]/.test(first));
}

/** A file's content: YAML / JSON / INI / TOML / XML / diff / Dockerfile / brace-and-semicolon config. */
export function fileShare(text: string): number {
  const lines = text.split('\n').filter((l) => l.trim() && !/^\s*#/.test(l));
  if (!lines.length) return 0;
  if (/^(diff --git |--- \S|Index: )/.test(text) || (/^--- /m.test(text) && /^\+\+\+ /m.test(text))) return 1;
  let hits = 0;
  for (const l of lines) {
    if (
      /^\s*-?\s*["']?[\w.\-/]{1,80}["']?\s*:(\s|$)/.test(l) || // YAML / JSON key
      /^\s*[{}[\]],?\s*$/.test(l) ||
      /^\s*-\s+\S/.test(l) ||
      /^\s*\[[\w.\- "']{1,80}\]\s*$/.test(l) || // INI / TOML table
      /^\s*[\w.-]{1,80}\s*=\s*\S/.test(l) ||
      /^\s*<\/?[\w:-]{1,40}[\s>/]/.test(l) ||
      /^(FROM|RUN|COPY|ENV|CMD|ENTRYPOINT|WORKDIR|EXPOSE|ARG|LABEL|ADD|USER|VOLUME)\s/.test(l) ||
      /[{;]\s*$/.test(l) ||
      /^\s*}/.test(l)
    )
      hits++;
  }
  return hits / lines.length;
}

const LOG_LINE = new RegExp(
  String.raw`^\s*(\[?\d{4}-\d\d-\d\d|\[?(INFO|WARN|WARNING|ERROR|DEBUG|OK|PASS|FAIL)\b` +
    String.raw`|[\w.-]{1,80}\/[\w.-]{1,80} (created|configured|unchanged|deleted|patched|restarted|scaled)\b)`,
);

/** Program output: aligned columns under an upper-case header, log lines, status words. */
export function looksLikeOutput(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim());
  if (!lines.length) return false;
  const first = lines[0]!;
  if (/^[A-Z][A-Z0-9_ -]{1,30}\s{2,}[A-Z]/.test(first)) return true;
  const logLike = lines.filter((l) => LOG_LINE.test(l));
  return logLike.length >= Math.ceil(lines.length / 2);
}
