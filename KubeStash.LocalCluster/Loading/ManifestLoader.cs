using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Api;
using KubeStash.LocalCluster.Http;

namespace KubeStash.LocalCluster.Loading;

/// <summary>Creates (or replaces) the objects of multi-document YAML, in order, as `kubectl apply` of plain manifests would.</summary>
internal sealed class ManifestLoader(ResourceService service)
{
    public async Task<int> LoadPathAsync(string path, CancellationToken cancellationToken)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList()
            : File.Exists(path) ? [path] : throw new FileNotFoundException($"no manifest file or directory at {path}", path);
        var count = 0;
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken);
            try
            {
                count += await LoadTextAsync(text, cancellationToken);
            }
            catch (Exception ex) when (ex is ApiException or FormatException)
            {
                throw new InvalidOperationException($"{file}: {ex.Message}", ex);
            }
        }
        return count;
    }

    public async Task<int> LoadTextAsync(string yaml, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var document in YamlJson.ParseDocuments(yaml))
        {
            await ApplyAsync(document, cancellationToken);
            count++;
        }
        return count;
    }

    public async Task<JsonObject> ApplyAsync(JsonObject document, CancellationToken cancellationToken)
    {
        var apiVersion = ObjectJson.String(document["apiVersion"]) ?? throw new FormatException("an object has no apiVersion");
        var kind = ObjectJson.String(document["kind"]) ?? throw new FormatException("an object has no kind");
        var resource = service.Catalog.FindByKind(apiVersion, kind)
            ?? throw new FormatException($"no matches for kind \"{kind}\" in version \"{apiVersion}\"");
        var ns = resource.Namespaced ? ObjectJson.Namespace(document) ?? "default" : null;
        var name = ObjectJson.Name(document);
        if (name is not null && service.TryGet(resource, ns, name) is not null)
        {
            // Loading replaces what is there, whatever its resourceVersion (as `kubectl replace --force` would).
            ObjectJson.Metadata(document).Remove("resourceVersion");
            return await service.WriteExistingAsync(resource, ns, name, _ => document.DeepClone().AsObject(), statusOnly: false, WriteContext.Internal(), cancellationToken);
        }
        return await service.CreateAsync(resource, ns, document, WriteContext.Internal(), cancellationToken);
    }
}
