namespace KubeStash.LocalCluster.Storage;

/// <summary>An object as stored: its UTF-8 JSON (resourceVersion included) and that resourceVersion.</summary>
internal readonly record struct StoredObject(byte[] Json, long ResourceVersion);
