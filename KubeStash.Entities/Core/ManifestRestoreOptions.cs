using System.Text.Json.Serialization;

namespace KubeStash.Entities.Core;

/// <summary>Options that select which backed-up manifests are restored, per kind of application, and where.</summary>
public sealed class ManifestRestoreOptions
{
    /// <summary>Options for workload manifests.</summary>
    [JsonPropertyName("workload")]
    public WorkloadManifestOptions? Workload { get; set; }

    /// <summary>Options for the manifests of a KubeDB MongoDB.</summary>
    [JsonPropertyName("mongoDB")]
    public KubeDBManifestOptions? MongoDB { get; set; }

    /// <summary>Options for the manifests of a KubeDB Postgres.</summary>
    [JsonPropertyName("postgres")]
    public KubeDBManifestOptions? Postgres { get; set; }

    /// <summary>Options for the manifests of a KubeDB MySQL.</summary>
    [JsonPropertyName("mySQL")]
    public KubeDBManifestOptions? MySql { get; set; }

    /// <summary>Options for the manifests of a KubeDB MariaDB.</summary>
    [JsonPropertyName("mariaDB")]
    public KubeDBManifestOptions? MariaDB { get; set; }

    /// <summary>Options for the manifests of a KubeDB MSSQLServer.</summary>
    [JsonPropertyName("msSQLServer")]
    public MSSQLServerManifestOptions? MSSQLServer { get; set; }

    /// <summary>Options for the manifests of a KubeDB Druid.</summary>
    [JsonPropertyName("druid")]
    public DruidManifestOptions? Druid { get; set; }

    /// <summary>Options for the manifests of a KubeDB ZooKeeper.</summary>
    [JsonPropertyName("zooKeeper")]
    public KubeDBManifestOptions? ZooKeeper { get; set; }

    /// <summary>Options for the manifests of a KubeDB Singlestore.</summary>
    [JsonPropertyName("singlestore")]
    public KubeDBManifestOptions? Singlestore { get; set; }

    /// <summary>Options for the manifests of a KubeDB Redis.</summary>
    [JsonPropertyName("redis")]
    public KubeDBManifestOptions? Redis { get; set; }

    /// <summary>Options for the manifests of a KubeDB RedisSentinel.</summary>
    [JsonPropertyName("redisSentinel")]
    public RedisSentinelManifestOptions? RedisSentinel { get; set; }
}
