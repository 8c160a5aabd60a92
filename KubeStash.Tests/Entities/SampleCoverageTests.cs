using System.Reflection;
using k8s.Models;
using KubeStash.Entities;
using KubeStash.Entities.Serialization;

namespace KubeStash.Tests.Entities;

/// <summary>config/samples covers every kind the assembly defines and kustomize lists every sample.</summary>
public sealed class SampleCoverageTests
{
    private static readonly Type[] EntityTypes = typeof(CustomResource<>).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<KubernetesEntityAttribute>() is not null)
        .ToArray();

    [Test]
    public void The_assembly_defines_the_eleven_kubestash_kinds()
    {
        EntityTypes.Select(t => t.Name).Should().BeEquivalentTo(
            "BackupStorage", "Repository", "Snapshot", "RetentionPolicy",
            "BackupConfiguration", "BackupSession", "RestoreSession", "HookTemplate", "BackupBlueprint",
            "Addon", "Function");
    }

    [Test]
    public void Every_kind_has_a_sample()
    {
        var serializer = new EntitySerializer();
        var sampled = RepositoryLayout.SampleFiles()
            .SelectMany(f => serializer.Parse(File.ReadAllText(f)))
            .Select(e => e.GetType())
            .ToHashSet();

        EntityTypes.Where(t => !sampled.Contains(t)).Select(t => t.Name).Should().BeEmpty("every kind needs a sample in config/samples");
    }

    [Test]
    public void Kustomization_lists_exactly_the_sample_files()
    {
        var kustomization = YamlJson.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.SamplesDirectory, "kustomization.yaml"))).Single().Root!;
        var listed = kustomization["resources"]!.AsArray().Select(n => n!.GetValue<string>());

        listed.Should().BeEquivalentTo(RepositoryLayout.SampleFiles().Select(Path.GetFileName));
    }

    [Test]
    public void The_kubedump_addon_sample_declares_the_tasks_and_functions_kubestash_users_know()
    {
        var serializer = new EntitySerializer();
        var objects = RepositoryLayout.SampleFiles().SelectMany(f => serializer.Parse(File.ReadAllText(f))).ToList();
        var addon = objects.OfType<KubeStash.Entities.Addons.Addon>().Single(a => a.Metadata.Name == "kubedump-addon");
        var functions = objects.OfType<KubeStash.Entities.Addons.Function>().ToDictionary(f => f.Metadata.Name);

        var backup = addon.Spec.BackupTasks!.Single();
        backup.Name.Should().Be("manifest-backup");
        backup.Function.Should().Be("kubedump-backup");
        backup.Parameters!.Select(p => p.Name).Should().Contain(
            ["ANDedLabelSelectors", "ORedLabelSelectors", "IncludeClusterResources", "IncludeNamespaces", "ExcludeNamespaces",
             "IncludeResources", "ExcludeResources", "includeDependants", "sanitize"]);
        var restore = addon.Spec.RestoreTasks!.Single();
        restore.Name.Should().Be("manifest-restore");
        restore.Function.Should().Be("kubedump-restore");
        restore.Parameters!.Select(p => p.Name).Should().Contain(["OverrideResources", "StorageClassMappings", "RestorePVs"]);

        foreach (var name in new[] { "kubedump-backup", "kubedump-restore" })
        {
            functions[name].Spec.Image.Should().Be("ghcr.io/kubestash-dotnet/kubedump:v0.1.0");
        }

        // Every declared parameter reaches the container through a ${param:=default} argument.
        foreach (var task in new[] { backup, restore })
        {
            var args = string.Join(' ', functions[task.Function!].Spec.Args!);
            foreach (var parameter in task.Parameters!)
            {
                args.Should().Contain("${" + parameter.Name + ":=", $"{task.Function} must pass {parameter.Name}");
            }
        }
    }
}
