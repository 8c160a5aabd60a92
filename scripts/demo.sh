#!/usr/bin/env bash
# `make demo`: the whole backup flow on this machine, with real processes and the real kubectl.
#
# Builds the operator, the Dumper and LocalCluster once; starts LocalCluster (API server + local kubelet + Job and
# CronJob controllers) with the sample workloads of deploy/demo/workloads.yaml and an image map that runs the Dumper
# image and the operator image as the programs just built; installs the CRDs, the kubedump Addon and Functions and the
# backup Job's ClusterRole with kubectl; starts the operator (`run`) and registers its admission webhooks; applies
# deploy/demo/backup.yaml (encryption Secret, local BackupStorage, RetentionPolicy, BackupConfiguration); runs
# "backup now" (`trigger-backup`, what the session's CronJob runs); waits for the BackupSession; prints the objects,
# the Snapshot's status and the storage's file tree. Every process it started is stopped on exit, Ctrl-C included.
# Logs stay under .work/demo/logs. Exit code 0 only when the backup succeeded.
#
# Needs only the .NET SDK and kubectl. Environment: CONFIGURATION (default Release), DEMO_TIMEOUT (seconds to wait for
# the backup, default 120), DOTNET, KUBECTL.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/.work/demo"
LOGS="$WORK/logs"
STORAGE="$WORK/storage"
CONFIGURATION="${CONFIGURATION:-Release}"
DEMO_TIMEOUT="${DEMO_TIMEOUT:-120}"
DOTNET="$(command -v "${DOTNET:-dotnet}" || true)"
KUBECTL="$(command -v "${KUBECTL:-kubectl}" || true)"
BACKUP_NS=backup
CONFIG_NAME=demo-manifests
SESSION=every-5-minutes
# The images the kubedump Function and the trigger CronJobs name; LocalCluster's kubelet runs the built programs instead.
DUMPER_IMAGE=ghcr.io/kubestash-dotnet/kubedump
OPERATOR_IMAGE=ghcr.io/kubestash-dotnet/operator:v0.1.0

started=$SECONDS
pids=()

bold() { if [[ -t 1 ]]; then printf '\033[1m%s\033[0m\n' "$*"; else printf '%s\n' "$*"; fi; }
step() { printf '\n'; bold "==> [$((SECONDS - started))s] $*"; }
fail() {
    printf '\nerror: %s\n' "$*" >&2
    exit 1
}

stop_processes() {
    local pid
    for pid in "${pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        # A graceful stop lets LocalCluster's kubelet end the pods' programs; after 10 s it is killed.
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    pids=()
}

on_exit() {
    local code=$?
    trap - EXIT INT TERM
    stop_processes
    if [[ -d "$LOGS" ]]; then
        printf '\nlogs: %s (localcluster.log, operator.log, build.log, kubectl.log)\n' "$LOGS"
    fi
    exit "$code"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[[ -n "$DOTNET" ]] || fail "the .NET SDK (dotnet) is not on PATH"
[[ -n "$KUBECTL" ]] || fail "kubectl is not on PATH"
# LocalCluster's --image-map splits a program's command line on spaces.
[[ "$ROOT$DOTNET" != *" "* ]] || fail "the checkout path or the dotnet path contains a space ($ROOT, $DOTNET); clone into a path without spaces"

kubectl() { "$KUBECTL" "$@"; }

# A TCP port on 127.0.0.1 that nothing listens on (bash's /dev/tcp, no other tool needed).
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    fail "found no free TCP port on 127.0.0.1"
}

http_ok() {
    local status
    exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
    IFS= read -r status <&3 || status=""
    exec 3>&-
    [[ "$status" == *" 200 "* ]]
}

# wait_until SECONDS WHAT COMMAND...: polls COMMAND every half second.
wait_until() {
    local seconds=$1 what=$2
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            return 1
        fi
        sleep 0.5
    done
}

alive() { kill -0 "$1" 2>/dev/null; }

print_tree() {
    local dir=$1
    (cd "$dir" && find . -mindepth 1 | LC_ALL=C sort) | while IFS= read -r path; do
        local rel=${path#./} depth name size
        depth=$(($(tr -cd '/' <<<"$rel" | wc -c)))
        name=${rel##*/}
        if [[ -d "$dir/$rel" ]]; then
            printf '%*s%s/\n' $((depth * 2 + 4)) '' "$name"
        else
            size=$(wc -c <"$dir/$rel")
            printf '%*s%-*s %8s bytes\n' $((depth * 2 + 4)) '' $((76 - depth * 2)) "$name" "$size"
        fi
    done
}

diagnose() {
    local session=${1:-}
    printf '\n--- diagnostics ---\n' >&2
    kubectl get backupstorage,backupconfiguration,repository,backupsession,snapshot,jobs,pods -n "$BACKUP_NS" -o wide >&2 || true
    if [[ -n "$session" ]]; then
        kubectl get backupsession "$session" -n "$BACKUP_NS" -o yaml >&2 || true
    fi
    local pod
    for pod in $(kubectl get pods -n "$BACKUP_NS" -o name 2>/dev/null); do
        printf '\n--- %s: log ---\n' "$pod" >&2
        kubectl logs -n "$BACKUP_NS" "$pod" --all-containers --tail=40 >&2 || true
    done
    kubectl get events -n "$BACKUP_NS" >&2 || true
    printf '\n--- operator.log (last 40 lines) ---\n' >&2
    tail -n 40 "$LOGS/operator.log" >&2 || true
    printf '\n--- localcluster.log (last 20 lines without HTTP requests) ---\n' >&2
    grep -v 'Microsoft.AspNetCore' "$LOGS/localcluster.log" | tail -n 20 >&2 || true
}

# --- 0. a clean work directory (reruns start from scratch) ------------------------------------------------------------
rm -rf "$WORK"
mkdir -p "$LOGS" "$STORAGE"
export KUBECONFIG="$WORK/kubeconfig"
export KUBECACHEDIR="$WORK/kube-cache"

# --- 1. build ---------------------------------------------------------------------------------------------------------
step "Building the operator, the Dumper and LocalCluster ($CONFIGURATION)"
# Analyzers and code-style checks (make build and make lint run them) change no output and take 2.5 times the compiler's
# CPU time on a fresh clone. Without build servers the compiler runs in this build alone (no shared server's queue) and
# no MSBuild node or compiler server outlives the demo.
if ! "$DOTNET" build "$ROOT/deploy/demo/demo.slnf" -c "$CONFIGURATION" --nologo -v q -clp:ErrorsOnly -p:RunAnalyzers=false --disable-build-servers \
    >"$LOGS/build.log" 2>&1; then
    cat "$LOGS/build.log" >&2
    fail "the build failed (log: $LOGS/build.log)"
fi
BIN_SUFFIX="bin/$CONFIGURATION/net10.0"
LOCALCLUSTER_DLL="$ROOT/KubeStash.LocalCluster/$BIN_SUFFIX/KubeStash.LocalCluster.dll"
OPERATOR_DLL="$ROOT/KubeStash.Operator/$BIN_SUFFIX/KubeStash.Operator.dll"
DUMPER_DLL="$ROOT/KubeStash.Dumper/$BIN_SUFFIX/KubeStash.Dumper.dll"
for dll in "$LOCALCLUSTER_DLL" "$OPERATOR_DLL" "$DUMPER_DLL"; do
    [[ -f "$dll" ]] || fail "the build did not produce $dll"
done
operator() { "$DOTNET" "$OPERATOR_DLL" "$@"; }

# --- 2. LocalCluster with the sample workloads ------------------------------------------------------------------------
step "Starting LocalCluster (API server, local kubelet, Job and CronJob controllers) with the workloads of deploy/demo/workloads.yaml"
# KubernetesClient (the operator) needs a kubeconfig user with credentials, and kubectl sends a token only over HTTPS.
token="demo-$RANDOM$RANDOM$RANDOM"
# The operator's port (webhooks, probes, metrics), known now so that the API server can send it the webhook calls that
# config/webhook/manifests.yaml addresses to the in-cluster Service system/webhook-service.
operator_port=$(free_port)
"$DOTNET" "$LOCALCLUSTER_DLL" serve --https --token "$token" --kubeconfig "$KUBECONFIG" --verbose \
    --load "$ROOT/deploy/demo/workloads.yaml" \
    --webhook-service "system/webhook-service=http://127.0.0.1:$operator_port/" \
    --image-map "$DUMPER_IMAGE=$DOTNET $DUMPER_DLL" \
    --image-map "${OPERATOR_IMAGE%%:*}=$DOTNET $OPERATOR_DLL" \
    >"$LOGS/localcluster.log" 2>&1 &
pids+=($!)
localcluster_pid=$!
wait_until 60 "LocalCluster's kubeconfig" grep -q '^kubeconfig: ' "$LOGS/localcluster.log" || {
    cat "$LOGS/localcluster.log" >&2
    fail "LocalCluster did not start within 60 s"
}
alive "$localcluster_pid" || fail "LocalCluster exited: $(cat "$LOGS/localcluster.log")"
grep -E '^(LocalCluster serving at|loaded|local workloads)' "$LOGS/localcluster.log" | sed 's/^/    /'
echo "    KUBECONFIG=$KUBECONFIG"

# --- 3. CRDs, the kubedump Addon and Functions, the backup Job's ClusterRole ------------------------------------------
step "Installing the CRDs, the kubedump Addon and its Functions, and the backup Job's ClusterRole (kubectl)"
# The largest CRDs exceed the 256 KiB that client-side apply keeps in its annotation, and LocalCluster serves no
# server-side apply: a fresh cluster takes them with create.
kubectl create -f "$ROOT/config/crd/bases" >>"$LOGS/kubectl.log" 2>&1 || fail "kubectl create -f config/crd/bases failed: $(tail -n 5 "$LOGS/kubectl.log")"
echo "    $(grep -c 'customresourcedefinition.* created' "$LOGS/kubectl.log") CustomResourceDefinitions created"
kubectl apply -f "$ROOT/config/samples/addons_v1alpha1_addon_kubedump.yaml" \
    -f "$ROOT/config/samples/addons_v1alpha1_function_kubedump_backup.yaml" \
    -f "$ROOT/config/samples/addons_v1alpha1_function_kubedump_restore.yaml" \
    -f "$ROOT/config/rbac/backup_job_role.yaml" | sed 's/^/    /' || fail "kubectl apply of the kubedump Addon, Functions or ClusterRole failed"

# --- 4. the operator ----------------------------------------------------------------------------------------------------
step "Starting the operator (run) and registering its admission webhooks"
# ASP.NET Core's per-request lines would drown the controllers' log.
env 'Logging__LogLevel__Microsoft.AspNetCore=Warning' "$DOTNET" "$OPERATOR_DLL" run --kubeconfig "$KUBECONFIG" --bind-address 127.0.0.1 \
    --webhook-port "$operator_port" --health-probe-port "$operator_port" --metrics-port "$operator_port" \
    --webhook-plain-http --webhook-cert-dir "$WORK/no-webhook-certificates" \
    --leader-election-namespace kube-system --operator-image "$OPERATOR_IMAGE" \
    >"$LOGS/operator.log" 2>&1 &
pids+=($!)
operator_pid=$!
wait_until 60 "operator ready" http_ok "$operator_port" /readyz || {
    tail -n 40 "$LOGS/operator.log" >&2
    fail "the operator was not ready within 60 s"
}
echo "    operator pid $operator_pid: webhooks, /readyz and /metrics on http://127.0.0.1:$operator_port"
kubectl apply -f "$ROOT/config/webhook/manifests.yaml" | sed 's/^/    /' || fail "kubectl apply of the webhook configuration failed"

# --- 5. the backup objects ----------------------------------------------------------------------------------------------
step "Applying deploy/demo/backup.yaml: encryption Secret, BackupStorage (local: $STORAGE), RetentionPolicy, BackupConfiguration"
sed "s|\${DEMO_STORAGE_DIR}|$STORAGE|g" "$ROOT/deploy/demo/backup.yaml" | kubectl apply -f - | sed 's/^/    /' ||
    fail "kubectl apply of deploy/demo/backup.yaml failed (a denial names the object and field)"
if ! kubectl wait -n "$BACKUP_NS" --for=jsonpath='{.status.phase}'=Ready \
    backupstorage/local-storage backupconfiguration/$CONFIG_NAME --timeout=60s | sed 's/^/    /'; then
    diagnose
    fail "the BackupStorage and BackupConfiguration did not become Ready within 60 s"
fi

# --- 6. backup now -------------------------------------------------------------------------------------------------------
step "Backup now: operator trigger-backup (what the CronJob trigger-$CONFIG_NAME-$SESSION runs on schedule)"
trigger_output=$(operator trigger-backup --kubeconfig "$KUBECONFIG" --namespace "$BACKUP_NS" --invoker-name "$CONFIG_NAME" --session "$SESSION" 2>&1) || {
    echo "$trigger_output" >&2
    diagnose
    fail "trigger-backup failed"
}
echo "    $trigger_output"
session_name=${trigger_output##*/}
session_name=${session_name%% *}

step "Waiting for BackupSession $session_name (up to ${DEMO_TIMEOUT}s)"
deadline=$((SECONDS + DEMO_TIMEOUT))
phase=""
last=""
while :; do
    phase=$(kubectl get backupsession "$session_name" -n "$BACKUP_NS" -o jsonpath='{.status.phase}' 2>/dev/null || true)
    if [[ "$phase" != "$last" ]]; then
        echo "    [$((SECONDS - started))s] phase: ${phase:-<none yet>}"
        last=$phase
    fi
    [[ "$phase" == Succeeded || "$phase" == Failed || "$phase" == Skipped ]] && break
    if ((SECONDS >= deadline)); then
        diagnose "$session_name"
        fail "BackupSession $session_name did not finish within ${DEMO_TIMEOUT}s (phase: ${phase:-none})"
    fi
    alive "$operator_pid" || { diagnose "$session_name"; fail "the operator exited"; }
    alive "$localcluster_pid" || { diagnose "$session_name"; fail "LocalCluster exited"; }
    sleep 0.5
done
if [[ "$phase" != Succeeded ]]; then
    diagnose "$session_name"
    fail "BackupSession $session_name ended $phase"
fi

# --- 7. what there is to see ---------------------------------------------------------------------------------------------
step "kubectl get backupstorage,backupconfiguration,repository,cronjob,backupsession,snapshot -A"
kubectl get backupstorage,backupconfiguration,repository,cronjob,backupsession,snapshot -A

step "kubectl get jobs,pods -n $BACKUP_NS (the backup Job ran the Dumper as a local process)"
kubectl get jobs,pods -n "$BACKUP_NS"

snapshot=$(kubectl get backupsession "$session_name" -n "$BACKUP_NS" -o jsonpath='{.status.snapshots[0].name}')
step "Snapshot $snapshot: status"
kubectl get snapshot "$snapshot" -n "$BACKUP_NS" -o yaml | sed -n '/^status:/,$p'

step "The storage: $STORAGE"
print_tree "$STORAGE"

step "Files inside snapshot $snapshot (KubeStash.Dumper list, decrypted with the encryptionSecret's password)"
password=$(kubectl get secret encryption-secret -n "$BACKUP_NS" -o jsonpath='{.data.RESTIC_PASSWORD}' | base64 -d)
repository_path=$(kubectl get repository demo-manifests-repo -n "$BACKUP_NS" -o jsonpath='{.spec.path}')
RESTIC_PASSWORD="$password" "$DOTNET" "$DUMPER_DLL" list --storage "local://$STORAGE" --repository "$repository_path" --snapshot "$snapshot" | sed 's/^/    /' ||
    fail "KubeStash.Dumper list could not read snapshot $snapshot"

step "Done in $((SECONDS - started))s: BackupSession $session_name Succeeded"
echo "    The storage stays in $STORAGE until the next run; the cluster and the operator stop now."
