#!/usr/bin/env bash
# syncthing-pair.sh - two headless Syncthing instances ("partners" A and B) on
# loopback only, paired, sharing folder "shared", for automated e2e tests.
#
#   ./syncthing-pair.sh up          fresh start: wipe, generate, start, pair, share, wait until in sync
#   ./syncthing-pair.sh down        stop both instances (by recorded PID / own process group only)
#   ./syncthing-pair.sh sync        rescan both sides now and wait until both agree (call after writes)
#   ./syncthing-pair.sh stop A|B    take one partner offline;  start A|B  bring it back
#   ./syncthing-pair.sh api A GET '/rest/db/status?folder=shared'     raw REST call
#   ./syncthing-pair.sh selftest    up + A->B and B->A probe + sync + down, with timings
#
# Layout: $ROOT/{a,b}/home (config, keys, db), $ROOT/{a,b}/shared (the synced
# folder), $ROOT/{a,b}/syncthing.{pid,log}.  Tested with syncthing 1.19.2 (Debian 12).
set -euo pipefail

ROOT=${ROOT:-${TMPDIR:-/tmp}/nearer-syncthing}
ST=${SYNCTHING:-syncthing}
FOLDER=${FOLDER:-shared}
TIMEOUT=${TIMEOUT:-60}                  # seconds, for every wait loop
declare -A GUI=([A]=8384 [B]=8385) LISTEN=([A]=22001 [B]=22002)
declare -A KEY=([A]=test-key-partner-a [B]=test-key-partner-b)
declare -A ID=()
dir()  { echo "$ROOT/${1,,}"; }         # A -> $ROOT/a
peer() { [[ $1 == A ]] && echo B || echo A; }
T0=$(date +%s%N)
log()  { printf '[%6.2fs] %s\n' "$(( $(date +%s%N) - T0 ))e-9" "$*" >&2; }
die()  { log "ERROR: $*"; exit 1; }

api() {  # api WHO METHOD PATH [JSON-BODY]
  local who=$1 m=$2 p=$3 body=${4-}
  local args=(-fsS --max-time 30 -X "$m" -H "X-API-Key: ${KEY[$who]}")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data "$body")
  curl "${args[@]}" "http://127.0.0.1:${GUI[$who]}$p"
}

ours() {  # is PID the syncthing monitor we started for WHO?
  [[ -r /proc/$1/cmdline ]] && tr '\0' ' ' </proc/"$1"/cmdline | grep -q -- "serve --home $(dir "$2")/home "
}
pidof_st() { local f; f="$(dir "$1")/syncthing.pid"; [[ -f $f ]] && cat "$f"; }
check_alive() {  # fail fast instead of waiting for a timeout if an instance died
  local w pid
  for w in A B; do
    pid=$(pidof_st "$w") || continue
    ours "$pid" "$w" || die "$w (pid $pid) died - see $(dir "$w")/syncthing.log"
  done
}
wait_for() {  # wait_for DESCRIPTION COMMAND...   (polls every 0.1 s)
  local what=$1; shift
  local end=$(( $(date +%s) + TIMEOUT ))
  until "$@" >/dev/null 2>&1; do
    check_alive
    (( $(date +%s) < end )) || die "timeout (${TIMEOUT}s) waiting for: $what"
    sleep 0.1
  done
}

stop_instances() {  # stop_instances A [B]: SIGTERM each process group (monitor + its child), then wait
  local w pid pids=()
  for w in "$@"; do
    pid=$(pidof_st "$w") || continue
    if ours "$pid" "$w"; then kill -TERM -- "-$pid" 2>/dev/null || true; pids+=("$w:$pid"); fi
    rm -f "$(dir "$w")/syncthing.pid"
  done
  for wp in "${pids[@]}"; do
    w=${wp%%:*} pid=${wp#*:}
    for _ in $(seq 150); do kill -0 -- "-$pid" 2>/dev/null || break; sleep 0.05; done
    if kill -0 -- "-$pid" 2>/dev/null; then log "$w: SIGKILL group $pid"; kill -KILL -- "-$pid" || true; fi
    log "$w: stopped (process group $pid)"
  done
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

generate() {  # fresh keys + config with everything internet-facing switched off BEFORE first start
  local who=$1 d; d=$(dir "$who")
  mkdir -p "$d/shared"
  "$ST" generate --home "$d/home" --no-default-folder --skip-port-probing >"$d/generate.log" 2>&1
  sed -i \
    -e "s#<address>127.0.0.1:8384</address>#<address>127.0.0.1:${GUI[$who]}</address>#" \
    -e "s#<apikey>[^<]*</apikey>#<apikey>${KEY[$who]}</apikey>#" \
    -e "s#<listenAddress>default<#<listenAddress>tcp://127.0.0.1:${LISTEN[$who]}<#" \
    -e "s#<globalAnnounceEnabled>true<#<globalAnnounceEnabled>false<#" \
    -e "s#<localAnnounceEnabled>true<#<localAnnounceEnabled>false<#" \
    -e "s#<relaysEnabled>true<#<relaysEnabled>false<#" \
    -e "s#<natEnabled>true<#<natEnabled>false<#" \
    -e "s#<urAccepted>0<#<urAccepted>-1<#" \
    -e "s#<crashReportingEnabled>true<#<crashReportingEnabled>false<#" \
    -e "s#<autoUpgradeIntervalH>12<#<autoUpgradeIntervalH>0<#" \
    -e "s#<startBrowser>true<#<startBrowser>false<#" \
    -e "s#<announceLANAddresses>true<#<announceLANAddresses>false<#" \
    -e "s#<stunKeepaliveStartS>180<#<stunKeepaliveStartS>0<#" \
    -e "s#<setLowPriority>true<#<setLowPriority>false<#" \
    -e "s#<restartOnWakeup>true<#<restartOnWakeup>false<#" \
    -e "s#<reconnectionIntervalS>60<#<reconnectionIntervalS>5<#" \
    "$d/home/config.xml"
  # the app writes atomically (temp file + rename): never sync the temp files.
  # .stignore is per device and never synced itself, so write it on both sides.
  printf '%s\n' '(?d).*.tmp*' '(?d)*.tmp' '(?d)*~' >"$d/shared/.stignore"
}

start_one() {
  local who=$1 d; d=$(dir "$who")
  for p in "${GUI[$who]}" "${LISTEN[$who]}"; do port_busy "$p" && die "port $p already in use"; done
  # --no-restart: no auto-restart; syncthing still runs as monitor + child, so we setsid
  # and later signal the whole (own) process group. STHASHING skips a ~0.8 s startup benchmark.
  STHASHING=${STHASHING:-minio} STNODEFAULTFOLDER=1 STNOUPGRADE=1 STNORESTART=1 \
    setsid "$ST" serve --home "$d/home" --no-browser --no-restart --no-upgrade --logflags=3 \
      </dev/null >>"$d/syncthing.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$d/syncthing.pid"
  # Until the background subshell has exec'd setsid and syncthing, /proc/PID/cmdline is
  # this script's, so check_alive would take a slow fork (a busy machine) for a death.
  for _ in $(seq 200); do ours "$pid" "$who" || ! kill -0 "$pid" 2>/dev/null && break; sleep 0.05; done
  log "$who: started pid $pid (REST 127.0.0.1:${GUI[$who]}, sync tcp://127.0.0.1:${LISTEN[$who]})"
}

load_ids() { local w; for w in A B; do ID[$w]=$(api "$w" GET /rest/system/status | jq -r .myID); done; }
connected() { api "$1" GET /rest/system/connections | jq -e --arg id "${ID[$(peer "$1")]}" '.connections[$id].connected'; }
both_connected() { connected A && connected B; }
folder_ok() {  # WHO: folder idle, nothing to pull, and it believes the peer is 100% complete
  local p; p=$(peer "$1")
  api "$1" GET "/rest/db/status?folder=$FOLDER" | jq -e '.state=="idle" and .needTotalItems==0 and .pullErrors==0' &&
  api "$1" GET "/rest/db/completion?folder=$FOLDER&device=${ID[$p]}" | jq -e '.completion==100 and .needItems==0 and .needDeletes==0'
}
same_global() {  # both report identical global+local counts (RHS quoted: [[ == ]] would glob!)
  local q='[.globalFiles,.globalBytes,.globalDeleted,.localFiles,.localBytes]'
  [[ "$(api A GET "/rest/db/status?folder=$FOLDER" | jq -c "$q")" == "$(api B GET "/rest/db/status?folder=$FOLDER" | jq -c "$q")" ]]
}
in_sync() { folder_ok A && folder_ok B && same_global; }

cmd_sync() {  # /rest/db/scan returns when the scan is done, so the checks below see the change
  load_ids
  api A POST "/rest/db/scan?folder=$FOLDER" >/dev/null
  api B POST "/rest/db/scan?folder=$FOLDER" >/dev/null
  wait_for "folder $FOLDER in sync" in_sync
  log "in sync"
}

cmd_up() {
  command -v "$ST" >/dev/null && command -v jq >/dev/null && command -v curl >/dev/null || die "need syncthing, jq, curl"
  stop_instances A B
  rm -rf "$(dir A)" "$(dir B)"
  generate A; generate B
  start_one A; start_one B
  wait_for "A REST up" api A GET /rest/system/ping
  wait_for "B REST up" api B GET /rest/system/ping
  log "REST up on both"
  local w p
  for w in A B; do  # prove nothing will talk to the internet
    api "$w" GET /rest/config/options | jq -e '.globalAnnounceEnabled==false and .localAnnounceEnabled==false
      and .relaysEnabled==false and .natEnabled==false and .urAccepted==-1 and .crashReportingEnabled==false
      and .autoUpgradeIntervalH==0 and .listenAddresses==["tcp://127.0.0.1:'"${LISTEN[$w]}"'"]' >/dev/null ||
      die "$w: unexpected network options"
  done
  load_ids
  for w in A B; do
    p=$(peer "$w")
    api "$w" POST /rest/config/devices "$(jq -nc --arg id "${ID[$p]}" --arg n "partner-$p" \
      --arg a "tcp://127.0.0.1:${LISTEN[$p]}" '{deviceID:$id, name:$n, addresses:[$a]}')"
    api "$w" POST /rest/config/folders "$(jq -nc --arg f "$FOLDER" --arg path "$(dir "$w")/shared" \
      --arg me "${ID[$w]}" --arg peer "${ID[$p]}" '{id:$f, label:$f, path:$path, type:"sendreceive",
       devices:[{deviceID:$me},{deviceID:$peer}], rescanIntervalS:10, fsWatcherEnabled:true,
       fsWatcherDelayS:1, maxConflicts:-1}')"
  done
  log "devices + folder configured (A=${ID[A]:0:7} B=${ID[B]:0:7})"
  wait_for "A<->B connected" both_connected
  log "connected"
  wait_for "folder $FOLDER in sync" in_sync
  log "folder '$FOLDER' idle and in sync on both sides: ready"
  echo "A_URL=http://127.0.0.1:${GUI[A]} A_KEY=${KEY[A]} A_DIR=$(dir A)/shared A_ID=${ID[A]}"
  echo "B_URL=http://127.0.0.1:${GUI[B]} B_KEY=${KEY[B]} B_DIR=$(dir B)/shared B_ID=${ID[B]}"
}

write_atomic() { local f=$1 d b; d=$(dirname "$f") b=$(basename "$f"); cat >"$d/.$b.tmp$$"; mv "$d/.$b.tmp$$" "$f"; }
has_copy() { [[ -f $1 ]] && cmp -s "$1" "$2"; }

cmd_selftest() {
  cmd_up >/dev/null
  local t A_DIR B_DIR; A_DIR="$(dir A)/shared" B_DIR="$(dir B)/shared"
  echo '{"partner":"A","entries":["hello from A"]}' | write_atomic "$A_DIR/partner-a.json"
  echo '{"partner":"B","entries":["hello from B"]}' | write_atomic "$B_DIR/partner-b.json"
  t=$(date +%s%N)
  wait_for "partner-a.json on B" has_copy "$B_DIR/partner-a.json" "$A_DIR/partner-a.json"
  wait_for "partner-b.json on A" has_copy "$A_DIR/partner-b.json" "$B_DIR/partner-b.json"
  log "probe files crossed both ways via fs watcher in $(( ($(date +%s%N) - t) / 1000000 )) ms"
  cmd_sync
  compgen -G "$B_DIR/.*.tmp*" >/dev/null && die "temp file leaked to B"
  stop_instances A B
  log "selftest OK"
}

case ${1:-} in
  up)       trap 'rc=$?; (( rc == 0 )) || stop_instances A B' EXIT; cmd_up ;;   # no half-up leftovers
  down)     stop_instances A B ;;
  sync)     cmd_sync ;;
  stop)     stop_instances "${2:?A or B}" ;;
  start)    start_one "${2:?A or B}"; wait_for "$2 REST up" api "$2" GET /rest/system/ping ;;
  api)      shift; api "$@"; echo ;;
  selftest) trap 'rc=$?; (( rc == 0 )) || stop_instances A B' EXIT; cmd_selftest ;;
  *)        sed -n '2,13p' "$0"; exit 2 ;;
esac
