using System.Text;
using KubeStash.Storage.Backends;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace KubeStash.Storage;

/// <summary>
/// Builds the object store for a BackupStorage spec and the data of its credentials Secret. Providers that
/// KubeStash knows but this implementation does not (gcs, b2, swift, …) are refused with a clear error.
/// </summary>
public sealed class ObjectStoreFactory(ILoggerFactory? loggerFactory = null, StorageResilienceOptions? resilience = null)
{
    public const string AwsAccessKeyId = "AWS_ACCESS_KEY_ID";
    public const string AwsSecretAccessKey = "AWS_SECRET_ACCESS_KEY";
    public const string CaCertData = "CA_CERT_DATA";
    public const string AzureAccountName = "AZURE_ACCOUNT_NAME";
    public const string AzureAccountKey = "AZURE_ACCOUNT_KEY";

    private readonly ILoggerFactory loggers = loggerFactory ?? NullLoggerFactory.Instance;
    private readonly StorageResilienceOptions resilienceOptions = resilience ?? new StorageResilienceOptions();

    /// <summary>
    /// Creates the store. <paramref name="secretData"/> is the Secret's <c>data</c> (decoded bytes); it may be
    /// null for providers that need no credentials (local).
    /// </summary>
    public IObjectStore Create(BackupStorageOptions storage, IReadOnlyDictionary<string, byte[]>? secretData)
    {
        var provider = (storage.Provider ?? string.Empty).Trim().ToLowerInvariant();
        IObjectStore store = provider switch
        {
            "local" => new LocalObjectStore(Require(storage.Local, storage, "local")),
            "s3" => CreateS3(storage, Require(storage.S3, storage, "s3"), secretData),
            "azure" => CreateAzure(storage, Require(storage.Azure, storage, "azure"), secretData),
            "" => throw new StorageException(StorageErrorKind.Configuration, $"BackupStorage {storage.Name}", "spec.storage.provider is required"),
            _ => throw new StorageException(
                StorageErrorKind.NotSupported,
                $"BackupStorage {storage.Name}",
                $"storage provider \"{storage.Provider}\" is not supported yet (supported: local, s3, azure)"),
        };
        return new ResilientObjectStore(store, resilienceOptions, loggers.CreateLogger("KubeStash.Storage"));
    }

    private static T Require<T>(T? block, BackupStorageOptions storage, string field)
        where T : class =>
        block ?? throw new StorageException(
            StorageErrorKind.Configuration,
            $"BackupStorage {storage.Name}",
            $"spec.storage.provider is \"{field}\" but spec.storage.{field} is missing");

    private static S3ObjectStore CreateS3(BackupStorageOptions storage, S3StorageOptions s3, IReadOnlyDictionary<string, byte[]>? secret)
    {
        var where = $"BackupStorage {storage.Name} (s3 bucket \"{s3.Bucket}\")";
        if (string.IsNullOrWhiteSpace(s3.Bucket))
        {
            throw new StorageException(StorageErrorKind.Configuration, $"BackupStorage {storage.Name}", "spec.storage.s3.bucket is required");
        }

        if (string.IsNullOrWhiteSpace(s3.Endpoint))
        {
            throw new StorageException(StorageErrorKind.Configuration, where, "spec.storage.s3.endpoint is required");
        }

        var accessKey = Read(secret, AwsAccessKeyId);
        var secretKey = Read(secret, AwsSecretAccessKey);
        if (accessKey is null || secretKey is null)
        {
            throw new StorageException(
                StorageErrorKind.Configuration,
                where,
                $"Secret \"{s3.SecretName ?? "(spec.storage.s3.secretName unset)"}\" must contain {AwsAccessKeyId} and {AwsSecretAccessKey}");
        }

        return new S3ObjectStore(s3, accessKey, secretKey, Read(secret, CaCertData));
    }

    private static AzureObjectStore CreateAzure(BackupStorageOptions storage, AzureStorageOptions azure, IReadOnlyDictionary<string, byte[]>? secret)
    {
        if (string.IsNullOrWhiteSpace(azure.Container))
        {
            throw new StorageException(StorageErrorKind.Configuration, $"BackupStorage {storage.Name}", "spec.storage.azure.container is required");
        }

        var where = $"BackupStorage {storage.Name} (azure container \"{azure.Container}\")";
        var account = string.IsNullOrWhiteSpace(azure.StorageAccount) ? Read(secret, AzureAccountName) : azure.StorageAccount;
        if (string.IsNullOrWhiteSpace(account))
        {
            throw new StorageException(StorageErrorKind.Configuration, where, $"spec.storage.azure.storageAccount is required (or {AzureAccountName} in Secret \"{azure.SecretName}\")");
        }

        var key = Read(secret, AzureAccountKey)
            ?? throw new StorageException(StorageErrorKind.Configuration, where, $"Secret \"{azure.SecretName ?? "(spec.storage.azure.secretName unset)"}\" must contain {AzureAccountKey}");
        return new AzureObjectStore(azure, account, key);
    }

    private static string? Read(IReadOnlyDictionary<string, byte[]>? secret, string key) =>
        secret is not null && secret.TryGetValue(key, out var value) && value.Length > 0 ? Encoding.UTF8.GetString(value).Trim() : null;
}
