# Sourced by the CI scripts. npm_retry <npm args...>: runs npm with a deadline per attempt and at most
# three attempts, because the registry sometimes stalls a resolution or a download for minutes; a real
# failure still fails after the third attempt. NPM_ATTEMPT_SECONDS sets the deadline (default 300).
npm_retry() {
  local attempt
  for attempt in 1 2 3; do
    if timeout "${NPM_ATTEMPT_SECONDS:-300}" npm "$@"; then return 0; fi
    if [ "$attempt" -eq 3 ]; then
      echo "npm_retry: npm $1 failed or stalled 3 times" >&2
      return 1
    fi
    echo "npm_retry: npm $1 failed or stalled (attempt $attempt), retrying" >&2
    sleep 5
  done
}
