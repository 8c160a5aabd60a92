namespace KubeStash.Tests.EndToEnd;

/// <summary>One repository of a test BackupConfiguration's session: where it is stored and whether it is encrypted.</summary>
internal sealed record RepositoryPlacement(string Name, string Storage, string Directory, bool Encrypted);
