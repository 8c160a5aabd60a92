using System.CommandLine;
using k8s;
using KubeStash.Operator.Backup;
using KubeStash.Operator.Runtime.Client;

namespace KubeStash.Operator.Commands;

/// <summary>
/// <c>trigger-backup --namespace --invoker-kind --invoker-name --session</c>: creates a BackupSession (seed step 9).
/// The trigger CronJobs run it; it is also "backup now".
/// </summary>
public static class TriggerBackupCommand
{
    public static Command Create()
    {
        var kubeconfig = KubeconfigOption.Create();
        var ns = new Option<string>("--namespace") { Description = "Namespace of the invoker.", Required = true };
        var kind = new Option<string>("--invoker-kind") { Description = "Kind of the invoker (BackupConfiguration).", DefaultValueFactory = _ => BackupSessionTrigger.BackupConfigurationKind };
        var name = new Option<string>("--invoker-name") { Description = "Name of the invoker.", Required = true };
        var session = new Option<string>("--session") { Description = "Session of the invoker to run.", Required = true };
        var command = new Command("trigger-backup", "Create a BackupSession for one session of a BackupConfiguration (what the trigger CronJob runs; also \"backup now\").")
        {
            kubeconfig, ns, kind, name, session,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var kubernetes = new Kubernetes(KubeconfigOption.Resolve(parse.GetValue(kubeconfig)));
            var created = await RunAsync(
                new KubernetesEntityClient(kubernetes),
                parse.GetRequiredValue(ns),
                parse.GetRequiredValue(kind),
                parse.GetRequiredValue(name),
                parse.GetRequiredValue(session),
                cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"backupsession.core.kubestash.com/{created} created");
            return 0;
        });
        return command;
    }

    /// <summary>The command's work; returns the BackupSession's name.</summary>
    public static async Task<string> RunAsync(IEntityClient client, string @namespace, string invokerKind, string invokerName, string session, CancellationToken cancellationToken)
    {
        var created = await new BackupSessionTrigger(client, TimeProvider.System).TriggerAsync(@namespace, invokerKind, invokerName, session, cancellationToken);
        return created.Metadata.Name;
    }
}
