namespace KubeStash.Operator.Backup;

/// <summary>The credentials Secret of a BackupStorage is not set or does not exist.</summary>
public sealed class BackendSecretException(string message) : Exception(message);
