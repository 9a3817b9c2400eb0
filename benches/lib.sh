# Shared by the benches/*.sh scripts (sourced, not run).

# start_registry WORK: Debian's docker-registry on a free 127.0.0.1 port,
# its storage under WORK, stopped (and WORK removed) when the script exits;
# sets $port.
start_registry() {
  local work=$1
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat >"$work/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/storage
http:
  addr: 127.0.0.1:$port
YAML
  docker-registry serve "$work/config.yml" >/dev/null 2>&1 &
  registry_pid=$!
  # shellcheck disable=SC2064 # expand now: these values are the ones to clean up
  trap "kill $registry_pid 2>/dev/null; rm -rf '$work'" EXIT
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$port") 2>/dev/null && break; sleep 0.1; done
}
