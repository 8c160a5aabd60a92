using System.Diagnostics;
using System.Globalization;
using System.Text;
using KubeStash.Storage;
using KubeStash.Storage.Crypto;
using KubeStash.Storage.Layout;
using KubeStash.Storage.Snapshots;

namespace KubeStash.Benchmarks;

/// <summary>Writes, or reads back and verifies, the benchmark snapshot; prints one result line.</summary>
internal static class StoragePhase
{
    private const string Password = "benchmark password";
    private const string RepositoryDirectory = "bench/repo";

    public static async Task<int> RunAsync(StoragePhaseOptions options)
    {
        using var memory = MemoryBreakdown.Start();
        BackupStorageOptions storage;
        IReadOnlyDictionary<string, byte[]>? secret = null;
        if (options.Backend == "local")
        {
            storage = new BackupStorageOptions { Name = "bench/local", Provider = "local", Local = new LocalStorageOptions { MountPath = options.Directory! } };
        }
        else
        {
            storage = new BackupStorageOptions
            {
                Name = "bench/s3",
                Provider = "s3",
                S3 = new S3StorageOptions { Endpoint = options.Endpoint!, Bucket = "bench", Region = "us-east-1" },
            };
            secret = new Dictionary<string, byte[]>
            {
                [ObjectStoreFactory.AwsAccessKeyId] = Encoding.UTF8.GetBytes(options.AccessKey!),
                [ObjectStoreFactory.AwsSecretAccessKey] = Encoding.UTF8.GetBytes(options.SecretKey!),
            };
        }

        await using var store = new ObjectStoreFactory().Create(storage, secret);
        var layout = new StorageLayout(store);
        var snapshot = options.Encrypted ? "encrypted" : "plain";
        var repositoryDirectory = RepositoryDirectory + "-" + snapshot;
        var prefix = StorageLayout.SnapshotDataPrefix(repositoryDirectory, snapshot);
        var watch = Stopwatch.StartNew();
        if (options.Phase == "write")
        {
            await layout.InitializeStorageAsync(new StorageIdentity { BackupStorage = storage.Name, Provider = storage.Provider });
            var repository = await layout.InitializeRepositoryAsync(new RepositoryIdentity
            {
                Repository = "bench/repo-" + snapshot,
                BackupStorage = storage.Name,
                Path = repositoryDirectory,
                Encryption = options.Encrypted ? KeyDerivation.CreateParameters(Password) : null,
            });
            using var key = repository.Encryption is null ? null : KeyDerivation.DeriveKey(Password, repository.Encryption, repository.Repository);
            var content = new BenchmarkContent(options.Entries, (long)options.TotalMiB << 20);
            watch.Restart();
            long bytes = 0;
            await using var writer = await SnapshotWriter.CreateAsync(store, prefix, snapshot, key, new SnapshotWriterOptions { PartSize = options.PartMiB << 20, ParallelUploads = options.Uploads });
            for (var i = 0; i < content.Entries; i++)
            {
                var data = content.Content(i);
                bytes += data.Length;
                await writer.AddAsync(BenchmarkContent.PathOf(i), data);
            }

            var commit = await writer.CommitAsync();
            Print(options, bytes, watch.Elapsed, commit.Archive.Size + commit.Index.Size);
            Console.WriteLine(memory.Describe());
        }
        else
        {
            var repository = await layout.ReadRepositoryAsync(repositoryDirectory)
                ?? throw new InvalidOperationException("the write phase did not run");
            using var key = repository.Encryption is null ? null : KeyDerivation.DeriveKey(Password, repository.Encryption, repository.Repository);
            watch.Restart();
            var reader = await SnapshotReader.OpenAsync(store, prefix, key);
            var result = await reader.VerifyAsync();
            Print(options, result.VerifiedBytes, watch.Elapsed, reader.Commit.Archive.Size + reader.Commit.Index.Size);
            Console.WriteLine(memory.Describe());
            await layout.DeleteSnapshotAsync(repositoryDirectory, snapshot);
        }

        return 0;
    }

    private static void Print(StoragePhaseOptions options, long bytes, TimeSpan elapsed, long storedBytes)
    {
        var mib = bytes / 1024.0 / 1024.0;
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime.TotalSeconds;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{options.Backend,-8} {(options.Encrypted ? "encrypted" : "plain"),-10} {options.Phase,-6} {mib,8:0.0} {elapsed.TotalSeconds,8:0.00} {mib / elapsed.TotalSeconds,8:0.0} {cpu,8:0.00} {mib / cpu,10:0.0} {PeakMemory.PeakMiB(),13:0.0} {storedBytes / 1024.0 / 1024.0,11:0.0}"));
    }
}
