# tejun shell integration (fish). Sourced with --init-command, after the operator's own config.fish.
# A rehearsal puts its shims first and production settings out of reach, after config.fish had its say.
if set -q TEJUN_REHEARSAL_ENV_FISH; and test -r "$TEJUN_REHEARSAL_ENV_FISH"
    source "$TEJUN_REHEARSAL_ENV_FISH"
end

if not set -q __tejun_loaded; and set -q TEJUN_NONCE
    set -g __tejun_loaded 1
    set -g __tejun_nonce $TEJUN_NONCE
    set -e TEJUN_NONCE
    set -g __tejun_running 0

    function __tejun_esc
        # One list element per line of the command; joined back with an escaped newline.
        set -l lines (string replace -a -- '\\' '\\\\' $argv[1] | string replace -a -- ';' '\\x3b' | string replace -a -- \a '\\x07' | string replace -a -- \e '\\x1b')
        string join -- '\\x0a' $lines
    end

    function __tejun_preexec --on-event fish_preexec
        set -g __tejun_running 1
        printf '\e]633;E;%s;%s\a\e]633;C;%s\a' (__tejun_esc "$argv[1]") $__tejun_nonce $__tejun_nonce
    end

    function __tejun_postexec --on-event fish_postexec
        set -l ec $status
        if test "$__tejun_running" = 1
            printf '\e]633;D;%s;%s\a' $ec $__tejun_nonce
        end
        set -g __tejun_running 0
    end

    # Wrap whatever prompt the operator has (a theme, starship): marks around it, their text unchanged.
    functions -c fish_prompt __tejun_user_prompt
    function fish_prompt
        printf '\e]633;A;%s\a' $__tejun_nonce
        __tejun_user_prompt
        printf '\e]633;B;%s\a' $__tejun_nonce
    end
end
