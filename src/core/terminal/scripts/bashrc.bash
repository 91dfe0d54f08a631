# tejun shell integration (bash). Loaded with --init-file: the operator's own files come first.
if [ -n "$TEJUN_SHELL_LOGIN" ]; then
  unset TEJUN_SHELL_LOGIN
  [ -r /etc/profile ] && . /etc/profile
  if [ -r "$HOME/.bash_profile" ]; then . "$HOME/.bash_profile"
  elif [ -r "$HOME/.bash_login" ]; then . "$HOME/.bash_login"
  elif [ -r "$HOME/.profile" ]; then . "$HOME/.profile"; fi
else
  [ -r "$HOME/.bashrc" ] && . "$HOME/.bashrc"
fi

# A rehearsal puts its shims first and production settings out of reach, after the rc files had their say.
if [ -n "$TEJUN_REHEARSAL_ENV" ] && [ -r "$TEJUN_REHEARSAL_ENV" ]; then . "$TEJUN_REHEARSAL_ENV"; fi

if [ -z "$__tejun_loaded" ] && [ -n "$TEJUN_NONCE" ]; then
__tejun_loaded=1
__tejun_nonce="$TEJUN_NONCE"
unset TEJUN_NONCE
# 'startup' until the first prompt is drawn: nothing run by startup files counts as a command.
__tejun_state=startup
__tejun_in_prompt=
__tejun_histnum=

__tejun_esc() {
  local s="$1"
  s="${s//\\/\\\\}"
  s="${s//;/\\x3b}"
  s="${s//$'\n'/\\x0a}"
  s="${s//$'\a'/\\x07}"
  s="${s//$'\e'/\\x1b}"
  builtin printf '%s' "$s"
}

__tejun_histnow() {
  local h
  h="$(HISTTIMEFORMAT= builtin history 1)"
  h="${h#"${h%%[! ]*}"}"
  builtin printf '%s' "${h%%[!0-9]*}"
}

__tejun_precmd() {
  local ec=$? n
  # A line that ran no simple command in this shell (a subshell '( … )', whose commands run in a child
  # without the DEBUG trap) never passed through preexec: a new history entry says a command did run.
  if [ "$__tejun_state" = prompt ] && [ -z "$__tejun_in_prompt" ]; then
    n="$(__tejun_histnow)"
    if [ -n "$n" ] && [ "$n" != "$__tejun_histnum" ]; then __tejun_preexec '' late; fi
  fi
  __tejun_in_prompt=1
  if [ "$__tejun_state" = running ]; then
    builtin printf '\e]633;D;%s;%s\a' "$ec" "$__tejun_nonce"
  fi
  return $ec
}

# Last in PROMPT_COMMAND: wrap whatever PS1 the operator's prompt (starship, a theme) has just set.
__tejun_prompt() {
  local ec=$?
  if [ "$PS1" != "$__tejun_ps1_set" ]; then __tejun_ps1_user="$PS1"; fi
  __tejun_ps1_set="\[\e]633;A;$__tejun_nonce\a\]$__tejun_ps1_user\[\e]633;B;$__tejun_nonce\a\]"
  PS1="$__tejun_ps1_set"
  __tejun_in_prompt=
  # From the first prompt on, a new history entry is a command line the operator entered.
  [ "$__tejun_state" = startup ] && __tejun_histnum="$(__tejun_histnow)"
  __tejun_state=prompt
  return $ec
}

__tejun_command_line() {
  local h n
  h="$(HISTTIMEFORMAT= builtin history 1)"
  h="${h#"${h%%[! ]*}"}"
  n="${h%%[!0-9]*}"
  h="${h#"$n"}"; h="${h#\*}"
  h="${h#"${h%%[! ]*}"}"
  # A new history entry is the line just typed; otherwise (history off, a leading space) use bash's own view.
  if [ -n "$n" ] && [ "$n" != "$__tejun_histnum" ]; then
    __tejun_histnum="$n"
    builtin printf '%s' "$h"
  else
    builtin printf '%s' "$1"
  fi
}

__tejun_preexec() {
  [ "$__tejun_state" = prompt ] || return 0
  [ -n "$__tejun_in_prompt" ] && return 0
  [ -n "$COMP_LINE" ] && return 0
  case "$1" in __tejun_*) return 0 ;; esac
  __tejun_state=running
  builtin printf '\e]633;E;%s;%s\a\e]633;C;%s%s\a' "$(__tejun_esc "$(__tejun_command_line "$1")")" "$__tejun_nonce" \
    "${2:+$2;}" "$__tejun_nonce"
  # Kept here, in this shell: the assignment in __tejun_command_line happens in a $( … ) subshell.
  __tejun_histnum="$(__tejun_histnow)"
}

if [ -n "${bash_preexec_imported:-}${__bp_imported:-}" ]; then
  # bash-preexec owns the DEBUG trap: join its hook arrays instead.
  precmd_functions=(__tejun_precmd "${precmd_functions[@]}" __tejun_prompt)
  preexec_functions+=(__tejun_preexec)
else
  __tejun_prev_debug="$(trap -p DEBUG)"
  __tejun_prev_debug="${__tejun_prev_debug#trap -- \'}"
  __tejun_prev_debug="${__tejun_prev_debug%\' DEBUG}"
  __tejun_debug() {
    __tejun_preexec "$BASH_COMMAND"
    if [ -n "$__tejun_prev_debug" ]; then eval "$__tejun_prev_debug"; fi
  }
  trap '__tejun_debug' DEBUG
  # bash >= 5.1 runs each element of an array PROMPT_COMMAND on its own.
  if [[ "$(declare -p PROMPT_COMMAND 2>/dev/null)" =~ ^declare\ -[A-Za-z]*a ]]; then
    PROMPT_COMMAND=(__tejun_precmd "${PROMPT_COMMAND[@]}" __tejun_prompt)
  else
    # Joined by newlines, never "; ": whatever the operator's value ends with (a ';' as pyenv's
    # hook does, an '&', a '# comment', blank lines) it stays a complete command list of its own.
    PROMPT_COMMAND=$'__tejun_precmd\n'"${PROMPT_COMMAND:-}"$'\n__tejun_prompt'
  fi
fi
fi
