using System.Text.Json.Serialization;

namespace KubeStash.Entities.Storage;

/// <summary>Information specific to Solr backups about one collection.</summary>
public sealed class SolrStat
{
    /// <summary>Name of the Solr collection.</summary>
    [JsonPropertyName("collection")]
    public string? Collection { get; set; }

    /// <summary>The Solr backup id.</summary>
    [JsonPropertyName("backupId")]
    public int? BackupId { get; set; }

    /// <summary>Where the backup is stored.</summary>
    [JsonPropertyName("location")]
    public string? Location { get; set; }

    /// <summary>When the Solr backup started.</summary>
    [JsonPropertyName("startTime")]
    public string? StartTime { get; set; }

    /// <summary>Number of index files in the backup.</summary>
    [JsonPropertyName("indexFileCount")]
    public int? IndexFileCount { get; set; }

    /// <summary>Size of the index files in MB.</summary>
    [JsonPropertyName("indexSizeMB")]
    public double? IndexSizeMB { get; set; }

    /// <summary>Size of the uploaded index files in MB.</summary>
    [JsonPropertyName("uploadedIndexFileMB")]
    public double? UploadedIndexFileMB { get; set; }
}
