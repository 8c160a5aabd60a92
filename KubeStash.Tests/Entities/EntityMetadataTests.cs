using System.Reflection;
using k8s.Models;
using KubeStash.Entities.Addons;
using KubeStash.Entities.Core;
using KubeStash.Entities.Schema;
using KubeStash.Entities.Storage;

namespace KubeStash.Tests.Entities;

/// <summary>Groups, plurals, scopes, names and printer columns match KubeStash's CRDs.</summary>
public sealed class EntityMetadataTests
{
    private static IEnumerable<TestCaseData> Columns()
    {
        yield return Case<BackupStorage>("Provider", "Default", "Deletion-Policy", "Total-Size", "Phase", "Age");
        yield return Case<Repository>("Integrity", "Snapshot-Count", "Size", "Phase", "Last-Successful-Backup", "Age");
        yield return Case<BackupConfiguration>("Phase", "Paused", "Age");
        yield return Case<BackupSession>("Invoker-Type", "Invoker-Name", "Phase", "Duration", "Age");
        yield return Case<Snapshot>("Repository", "Session", "Snapshot-Time", "Deletion-Policy", "Phase", "Age");
        yield return Case<RestoreSession>("Repository", "Failure-Policy", "Phase", "Duration", "Age");
        yield return Case<RetentionPolicy>("Max-Retention-Period", "Default", "Age");
        yield return Case<HookTemplate>("Executor", "Timeout", "Age");
        yield return Case<BackupBlueprint>("Age");
        yield return Case<Addon>("Age");
        yield return Case<Function>("Age");
    }

    private static TestCaseData Case<T>(params string[] columns) =>
        new TestCaseData(typeof(T), columns).SetArgDisplayNames(typeof(T).Name);

    [TestCaseSource(nameof(Columns))]
    public void Printer_columns_are_in_kubestash_order(Type entity, string[] expected)
    {
        var columns = entity.GetCustomAttributes<PrinterColumnAttribute>().ToList();

        columns.Select(c => c.Name.ToUpperInvariant()).Should().Equal(expected.Select(e => e.ToUpperInvariant()));
        columns.Last().Should().BeEquivalentTo(new { Name = "Age", Type = "date", JsonPath = ".metadata.creationTimestamp" });
        columns.Should().OnlyContain(c => c.JsonPath.StartsWith('.') && new[] { "string", "integer", "number", "boolean", "date" }.Contains(c.Type));
    }

    [TestCase(typeof(BackupStorage), "storage.kubestash.com", "backupstorages")]
    [TestCase(typeof(Repository), "storage.kubestash.com", "repositories")]
    [TestCase(typeof(Snapshot), "storage.kubestash.com", "snapshots")]
    [TestCase(typeof(RetentionPolicy), "storage.kubestash.com", "retentionpolicies")]
    [TestCase(typeof(BackupConfiguration), "core.kubestash.com", "backupconfigurations")]
    [TestCase(typeof(BackupSession), "core.kubestash.com", "backupsessions")]
    [TestCase(typeof(RestoreSession), "core.kubestash.com", "restoresessions")]
    [TestCase(typeof(HookTemplate), "core.kubestash.com", "hooktemplates")]
    [TestCase(typeof(BackupBlueprint), "core.kubestash.com", "backupblueprints")]
    [TestCase(typeof(Addon), "addons.kubestash.com", "addons")]
    [TestCase(typeof(Function), "addons.kubestash.com", "functions")]
    public void Group_version_kind_and_plural(Type entity, string group, string plural)
    {
        var attribute = entity.GetCustomAttribute<KubernetesEntityAttribute>()!;

        attribute.Should().BeEquivalentTo(new { Group = group, ApiVersion = "v1alpha1", Kind = entity.Name, PluralName = plural });
        entity.GetCustomAttribute<CategoriesAttribute>()!.Names.Should().StartWith("kubestash");
    }

    [Test]
    public void Addons_and_functions_are_cluster_scoped_and_the_rest_namespaced()
    {
        typeof(Addon).GetCustomAttribute<EntityScopeAttribute>()!.Scope.Should().Be(EntityScope.Cluster);
        typeof(Function).GetCustomAttribute<EntityScopeAttribute>()!.Scope.Should().Be(EntityScope.Cluster);
        typeof(BackupStorage).GetCustomAttribute<EntityScopeAttribute>().Should().BeNull();
        typeof(BackupConfiguration).GetCustomAttribute<EntityScopeAttribute>().Should().BeNull();
    }

    [Test]
    public void Short_names_match_kubestash()
    {
        typeof(Repository).GetCustomAttribute<ShortNamesAttribute>()!.Names.Should().Equal("repo");
        typeof(BackupConfiguration).GetCustomAttribute<ShortNamesAttribute>()!.Names.Should().Equal("bc");
        typeof(RestoreSession).GetCustomAttribute<ShortNamesAttribute>()!.Names.Should().Equal("restore");
    }

    [Test]
    public void Kinds_with_a_status_subresource_are_the_ones_kubestash_gives_one()
    {
        var withStatus = new[] { typeof(BackupStorage), typeof(Repository), typeof(Snapshot), typeof(BackupConfiguration), typeof(BackupSession), typeof(RestoreSession) };
        foreach (var entity in withStatus)
        {
            entity.BaseType!.GetGenericTypeDefinition().Should().Be(typeof(KubeStash.Entities.CustomResource<,>), entity.Name);
        }

        foreach (var entity in new[] { typeof(RetentionPolicy), typeof(HookTemplate), typeof(BackupBlueprint), typeof(Addon), typeof(Function) })
        {
            entity.BaseType!.GetGenericTypeDefinition().Should().Be(typeof(KubeStash.Entities.CustomResource<>), entity.Name);
        }
    }
}
