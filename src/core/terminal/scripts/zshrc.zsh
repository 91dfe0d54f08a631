# tejun shell integration (zsh): the operator's .zshrc first, then the marks.
ZDOTDIR="$TEJUN_USER_ZDOTDIR"
[ -r "$ZDOTDIR/.zshrc" ] && . "$ZDOTDIR/.zshrc"
# A rehearsal puts its shims first and production settings out of reach, after the rc files had their say.
[[ -n "$TEJUN_REHEARSAL_ENV" && -r "$TEJUN_REHEARSAL_ENV" ]] && . "$TEJUN_REHEARSAL_ENV"
if [[ -z "$__tejun_loaded" && -n "$TEJUN_NONCE" ]]; then
  __tejun_loaded=1
  typeset -g __tejun_nonce="$TEJUN_NONCE"
  unset TEJUN_NONCE
  typeset -g __tejun_running=0
  __tejun_esc() {
    local s="$1"
    s="${s//\\/\\\\}"; s="${s//;/\\x3b}"; s="${s//$'\n'/\\x0a}"; s="${s//$'\a'/\\x07}"; s="${s//$'\e'/\\x1b}"
    print -rn -- "$s"
  }
  __tejun_precmd() {
    local ec=$?
    if (( __tejun_running )); then print -rn -- $'\e]633;D;'"$ec;$__tejun_nonce"$'\a'; fi
    __tejun_running=0
    return $ec
  }
  __tejun_prompt() {
    local ec=$?
    if [[ "$PS1" != "$__tejun_ps1_set" ]]; then __tejun_ps1_user="$PS1"; fi
    __tejun_ps1_set="%{"$'\e]633;A;'"$__tejun_nonce"$'\a'"%}$__tejun_ps1_user%{"$'\e]633;B;'"$__tejun_nonce"$'\a'"%}"
    PS1="$__tejun_ps1_set"
    return $ec
  }
  __tejun_preexec() {
    __tejun_running=1
    print -rn -- $'\e]633;E;'"$(__tejun_esc "$1");$__tejun_nonce"$'\a\e]633;C;'"$__tejun_nonce"$'\a'
  }
  precmd_functions=(__tejun_precmd $precmd_functions __tejun_prompt)
  preexec_functions+=(__tejun_preexec)
fi
