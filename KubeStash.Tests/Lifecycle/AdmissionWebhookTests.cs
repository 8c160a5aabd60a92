using System.Text.RegularExpressions;

namespace KubeStash.Tests.Lifecycle;

/// <summary>
/// The operator's validating webhooks, declared to LocalCluster by the committed config/webhook/manifests.yaml and judged
/// by the real kubectl: each invalid object is refused with a message naming the field and what is wrong.
/// </summary>
public sealed class AdmissionWebhookTests
{
    private const string Ns = "hooks";
    private static LifecycleEnvironment env = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        env = await LifecycleEnvironment.StartAsync(webhooks: true);
        await env.ApplyAsync(LifecycleManifests.Namespace(Ns));
        // Valid objects are admitted: the base every invalid case below is derived from.
        await env.ApplyAsync(Storage("default-storage"));
        await env.ApplyAsync(LifecycleManifests.RetentionPolicy(Ns));
        await env.ApplyAsync(Config());
        await env.ApplyAsync(Session("valid-session", "cluster-manifests-backup", "frequent-backup"));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await env.DisposeAsync();

    private static string Config(Func<string, string>? edit = null)
    {
        var yaml = LifecycleManifests.BackupConfiguration(Ns, "default-storage");
        return edit is null ? yaml : edit(yaml);
    }

    private static string Storage(string name, Func<string, string>? edit = null)
    {
        var yaml = LifecycleManifests.S3Storage(Ns, name, new Uri("http://127.0.0.1:1"), "webhook-bucket");
        return edit is null ? yaml : edit(yaml);
    }

    private static string Retention(Func<string, string> edit) => edit(LifecycleManifests.RetentionPolicy(Ns).Replace("demo-retention", "other-retention", StringComparison.Ordinal));

    private static string Session(string name, string invoker, string session, string kind = "BackupConfiguration") => $"""
        apiVersion: core.kubestash.com/v1alpha1
        kind: BackupSession
        metadata:
          name: {name}
          namespace: {Ns}
        spec:
          invoker:
            apiGroup: core.kubestash.com
            kind: {kind}
            name: {invoker}
          session: {session}
        """;

    /// <summary>The sessions block (from "  - name: frequent-backup" up to "  paused:").</summary>
    private static string SessionBlock(string yaml)
    {
        var start = yaml.IndexOf("  - name: frequent-backup", StringComparison.Ordinal);
        return yaml[start..yaml.IndexOf("  paused:", StringComparison.Ordinal)];
    }

    private static string DuplicateSession(string yaml, Func<string, string> editCopy)
        => yaml.Replace("  paused:", editCopy(SessionBlock(yaml)) + "  paused:", StringComparison.Ordinal);

    private static string R(string yaml, string from, string to)
    {
        yaml.Should().Contain(from, "the test edits a line of the base manifest");
        return yaml.Replace(from, to, StringComparison.Ordinal);
    }

    public static IEnumerable<TestCaseData> InvalidObjects()
    {
        TestCaseData Case(string name, Func<string> yaml, string expected) => new TestCaseData(yaml, expected).SetName(name);

        const string bc = "admission webhook \"vbackupconfiguration.core.kubestash.com\" denied the request: ";
        const string bs = "admission webhook \"vbackupstorage.storage.kubestash.com\" denied the request: ";
        const string rp = "admission webhook \"vretentionpolicy.storage.kubestash.com\" denied the request: ";
        const string bss = "admission webhook \"vbackupsession.core.kubestash.com\" denied the request: ";

        yield return Case("Schedule_is_not_cron", () => Config(y => R(y, "\"*/5 * * * *\"", "\"not a cron\"")),
            bc + "spec.sessions[0].scheduler.schedule: \"not a cron\" is not a valid cron schedule");
        yield return Case("Schedule_minute_out_of_range", () => Config(y => R(y, "\"*/5 * * * *\"", "\"61 * * * *\"")),
            bc + "spec.sessions[0].scheduler.schedule: \"61 * * * *\" is not a valid cron schedule");
        yield return Case("Schedule_with_six_fields", () => Config(y => R(y, "\"*/5 * * * *\"", "\"0 */5 * * * *\"")),
            bc + "spec.sessions[0].scheduler.schedule: \"0 */5 * * * *\" is not a valid cron schedule");
        yield return Case("Repository_names_an_undeclared_backend", () => Config(y => R(y, "      backend: s3-backend", "      backend: gcs-backend")),
            bc + "spec.sessions[0].repositories[0].backend: \"gcs-backend\" is not declared in spec.backends (declared: s3-backend)");
        yield return Case("Backup_timeout_is_not_a_duration", () => Config(y => R(y, "backupTimeout: 30m", "backupTimeout: half-an-hour")),
            bc + "spec.sessions[0].backupTimeout: \"half-an-hour\" is not a duration");
        yield return Case("Retry_delay_is_not_a_duration", () => Config(y => R(y, "delay: 1m", "delay: soon")),
            bc + "spec.sessions[0].retryConfig.delay: \"soon\" is not a duration");
        yield return Case("Negative_session_history_limit", () => Config(y => R(y, "sessionHistoryLimit: 3", "sessionHistoryLimit: -1")),
            bc + "spec.sessions[0].sessionHistoryLimit: must not be negative, got -1");
        yield return Case("Directory_climbs_out", () => Config(y => R(y, "directory: /cluster-manifests", "directory: /a/../b")),
            bc + "spec.sessions[0].repositories[0].directory: \"/a/../b\" must be a path without empty, '.' or '..' segments");
        yield return Case("Directory_is_empty", () => Config(y => R(y, "directory: /cluster-manifests", "directory: \"/\"")),
            bc + "spec.sessions[0].repositories[0].directory: is required");
        yield return Case("Addon_name_is_empty", () => Config(y => R(y, "name: kubedump-addon", "name: \"\"")),
            bc + "spec.sessions[0].addon.name: is required");
        yield return Case("Addon_has_no_task", () => Config(y => Regex.Replace(R(y, "      tasks:\n", "      tasks: []\n"), @"      - name: manifest-backup\n        params:\n(          .*\n)+", string.Empty)),
            bc + "spec.sessions[0].addon.tasks: at least one task is required");
        yield return Case("Task_name_is_empty", () => Config(y => R(y, "- name: manifest-backup", "- name: \"\"")),
            bc + "spec.sessions[0].addon.tasks[0].name: is required");
        yield return Case("Task_param_is_a_boolean", () => Config(y => R(y, "IncludeClusterResources: \"true\"", "IncludeClusterResources: true")),
            bc + "spec.sessions[0].addon.tasks[0].params.IncludeClusterResources: must be a string (quote it), got true");
        yield return Case("Task_param_is_a_number", () => Config(y => R(y, "sanitize: \"true\"", "sanitize: 5")),
            bc + "spec.sessions[0].addon.tasks[0].params.sanitize: must be a string (quote it), got 5");
        yield return Case("Namespace_target_with_a_namespace", () => Config(y => R(y, "    kind: Namespace\n", "    kind: Namespace\n    namespace: other\n")),
            bc + "spec.target.namespace: must be empty for kind Namespace");
        yield return Case("Namespace_target_in_the_apps_group", () => Config(y => R(y, "    apiGroup: \"\"", "    apiGroup: apps")),
            bc + "spec.target.apiGroup: must be \"\" for kind Namespace, not \"apps\"");
        yield return Case("Target_without_kind", () => Config(y => R(y, "    kind: Namespace\n", string.Empty)),
            bc + "spec.target.kind: is required when spec.target is set");
        yield return Case("Target_with_empty_name", () => Config(y => R(y, $"    kind: Namespace\n    name: {Ns}\n", "    kind: Namespace\n    name: \"\"\n")),
            bc + "spec.target.name: is required when spec.target is set");
        yield return Case("Backend_names_repeat", () => Config(y => R(y, "  sessions:\n", "  - name: s3-backend\n    storageRef:\n      name: other\n  sessions:\n")),
            bc + "spec.backends[1].name: \"s3-backend\" is used by two backends");
        yield return Case("No_backends", () => Config(y => Regex.Replace(y, @"  backends:\n(  [ -].*\n)+", "  backends: []\n")),
            bc + "spec.backends: at least one backend is required");
        yield return Case("No_sessions", () => Config(y => y.Replace(SessionBlock(y), string.Empty, StringComparison.Ordinal).Replace("  sessions:\n", "  sessions: []\n", StringComparison.Ordinal)),
            bc + "spec.sessions: at least one session is required");
        yield return Case("Session_names_repeat", () => Config(y => DuplicateSession(y, s => s)),
            bc + "spec.sessions[1].name: \"frequent-backup\" is used by two sessions");
        yield return Case("Repository_names_repeat_across_sessions", () => Config(y => DuplicateSession(y, s => s.Replace("name: frequent-backup", "name: other-session", StringComparison.Ordinal))),
            bc + "spec.sessions[1].repositories[0].name: repository \"cluster-manifests-repo\" is declared twice");
        yield return Case("Directories_repeat_in_one_backend", () => Config(y => DuplicateSession(y, s => s.Replace("name: frequent-backup", "name: other-session", StringComparison.Ordinal).Replace("name: cluster-manifests-repo", "name: other-repo", StringComparison.Ordinal))),
            bc + "spec.sessions[1].repositories[0].directory: \"/cluster-manifests\" is used by two repositories of backend s3-backend");

        yield return Case("Storage_without_the_provider_block", () => $"""
            apiVersion: storage.kubestash.com/v1alpha1
            kind: BackupStorage
            metadata:
              name: no-block
              namespace: {Ns}
            spec:
              storage:
                provider: s3
                azure:
                  container: backups
                  secretName: azure-secret
            """,
            bs + "spec.storage.s3: is required because spec.storage.provider is s3");
        yield return Case("Storage_with_two_blocks", () => Storage("two-blocks", y => R(y, "  usagePolicy:\n", "    local:\n      mountPath: /backup\n  usagePolicy:\n").Replace("  default: true\n", string.Empty, StringComparison.Ordinal)),
            bs + "spec.storage.local: must not be set when spec.storage.provider is s3");
        yield return Case("Storage_without_bucket", () => Storage("no-bucket", y => R(y, "      bucket: webhook-bucket\n", string.Empty).Replace("  default: true\n", string.Empty, StringComparison.Ordinal)),
            bs + "spec.storage.s3.bucket: is required");
        yield return Case("Storage_without_secret", () => Storage("no-secret", y => R(y, "      secretName: s3-secret\n", string.Empty).Replace("  default: true\n", string.Empty, StringComparison.Ordinal)),
            bs + "spec.storage.s3.secretName: is required");
        yield return Case("Second_default_storage", () => Storage("another-default"),
            bs + "spec.default: BackupStorage default-storage is already the default of namespace hooks");
        yield return Case("Selector_usage_without_selector", () => Storage("no-selector", y => R(y, "from: All", "from: Selector").Replace("  default: true\n", string.Empty, StringComparison.Ordinal)),
            bs + "spec.usagePolicy.allowedNamespaces.selector: is required when from is Selector");
        yield return Case("Local_storage_with_relative_mount_path", () => $"""
            apiVersion: storage.kubestash.com/v1alpha1
            kind: BackupStorage
            metadata:
              name: relative
              namespace: {Ns}
            spec:
              storage:
                provider: local
                local:
                  mountPath: backups
                  hostPath:
                    path: /tmp/backups
            """,
            bs + "spec.storage.local.mountPath: must be an absolute path, got \"backups\"");

        yield return Case("Retention_period_is_not_a_duration", () => Retention(y => R(y, "maxRetentionPeriod: 2mo", "maxRetentionPeriod: two-months")),
            rp + "spec.maxRetentionPeriod: \"two-months\" is not a duration");
        yield return Case("Retention_negative_successful_count", () => Retention(y => R(y, "last: 5", "last: -1")),
            rp + "spec.successfulSnapshots.last: must not be negative, got -1");
        yield return Case("Retention_negative_failed_count", () => Retention(y => R(y, "last: 2", "last: -3")),
            rp + "spec.failedSnapshots.last: must not be negative, got -3");

        yield return Case("Session_of_a_missing_invoker", () => Session("orphan", "no-such-config", "frequent-backup"),
            bss + "spec.invoker.name: BackupConfiguration hooks/no-such-config does not exist");
        yield return Case("Session_not_declared_by_the_invoker", () => Session("undeclared", "cluster-manifests-backup", "hourly"),
            bss + "spec.session: BackupConfiguration cluster-manifests-backup has no session \"hourly\"");
        yield return Case("Session_invoked_by_another_kind", () => Session("wrong-kind", "cluster-manifests-backup", "frequent-backup", "RestoreSession"),
            bss + "spec.invoker.kind: must be BackupConfiguration, got \"RestoreSession\"");
    }

    [TestCaseSource(nameof(InvalidObjects))]
    public async Task Kubectl_apply_of_an_invalid_object_is_denied_naming_the_field(Func<string> yaml, string expected)
    {
        var result = await env.Kubectl.RunAsync("apply -f -", yaml());

        result.ExitCode.Should().NotBe(0, $"the object must be refused; stdout: {result.Stdout}");
        result.Stderr.Should().Contain(expected);
    }

    [Test]
    public async Task Pausing_a_valid_configuration_is_allowed()
    {
        (await env.Kubectl.RunAsync("apply -f -", LifecycleManifests.BackupConfiguration(Ns, "default-storage", paused: true))).ShouldSucceed();
        (await env.Kubectl.RunAsync("apply -f -", LifecycleManifests.BackupConfiguration(Ns, "default-storage", paused: false))).ShouldSucceed();
    }
}
