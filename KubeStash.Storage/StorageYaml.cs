using System.Text;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace KubeStash.Storage;

/// <summary>The YAML dialect of the storage's own records (camelCase keys, unknown keys tolerated for forward compatibility).</summary>
internal static class StorageYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .DisableAliases()
        .Build();

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    public static byte[] Serialize<T>(T value) => Encoding.UTF8.GetBytes(Serializer.Serialize(value));

    public static T Deserialize<T>(byte[] yaml, string what)
    {
        try
        {
            return Deserializer.Deserialize<T>(Encoding.UTF8.GetString(yaml))
                ?? throw new InvalidDataException($"{what} is empty");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new InvalidDataException($"{what} is not valid YAML: {e.Message}", e);
        }
    }
}
