using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeStash.LocalCluster.Api;

namespace KubeStash.LocalCluster.Http;

/// <summary>Legacy (non-aggregated) discovery documents: APIVersions, APIGroupList, APIGroup and APIResourceList.</summary>
internal static partial class DiscoveryDocuments
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-12-11T00:00:00Z",
        ["goVersion"] = "go1.23.3",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(IReadOnlyList<ApiResource> resources) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray([.. Groups(resources).Select(g => (JsonNode)Group(g.Key, g.Value))]),
    };

    public static JsonObject? GroupDocument(IReadOnlyList<ApiResource> resources, string group)
    {
        var versions = Groups(resources).FirstOrDefault(g => g.Key == group).Value;
        if (versions is null)
        {
            return null;
        }
        var document = Group(group, versions);
        document["kind"] = "APIGroup";
        document["apiVersion"] = "v1";
        return document;
    }

    public static JsonObject? ResourceList(IReadOnlyList<ApiResource> resources, string group, string version)
    {
        var served = resources.Where(r => r.Group == group && r.Version == version).ToList();
        if (served.Count == 0)
        {
            return null;
        }
        var list = new JsonArray();
        foreach (var resource in served)
        {
            var entry = new JsonObject
            {
                ["name"] = resource.Plural,
                ["singularName"] = resource.Singular,
                ["namespaced"] = resource.Namespaced,
                ["kind"] = resource.Kind,
                ["verbs"] = new JsonArray([.. resource.Verbs.Select(v => (JsonNode)JsonValue.Create(v))]),
            };
            if (resource.ShortNames.Count > 0)
            {
                entry["shortNames"] = new JsonArray([.. resource.ShortNames.Select(v => (JsonNode)JsonValue.Create(v))]);
            }
            if (resource.Categories.Count > 0)
            {
                entry["categories"] = new JsonArray([.. resource.Categories.Select(v => (JsonNode)JsonValue.Create(v))]);
            }
            list.Add(entry);
            if (resource is { Group: "", Plural: "pods" })
            {
                list.Add(new JsonObject
                {
                    ["name"] = "pods/log",
                    ["singularName"] = "",
                    ["namespaced"] = true,
                    ["kind"] = "Pod",
                    ["verbs"] = new JsonArray("get"),
                });
            }
            if (resource.Scale is not null)
            {
                list.Add(new JsonObject
                {
                    ["name"] = $"{resource.Plural}/scale",
                    ["singularName"] = "",
                    ["namespaced"] = resource.Namespaced,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
            if (resource.HasStatus)
            {
                list.Add(new JsonObject
                {
                    ["name"] = $"{resource.Plural}/status",
                    ["singularName"] = "",
                    ["namespaced"] = resource.Namespaced,
                    ["kind"] = resource.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = list,
        };
    }

    /// <summary>Named groups in serving order, each with its versions by kube's version priority (GA, beta, alpha; higher first).</summary>
    private static List<KeyValuePair<string, List<string>>> Groups(IReadOnlyList<ApiResource> resources) =>
        [.. resources.Where(r => r.Group.Length > 0)
            .GroupBy(r => r.Group)
            .Select(g => new KeyValuePair<string, List<string>>(g.Key, [.. g.Select(r => r.Version).Distinct().OrderBy(VersionPriority)]))];

    private static JsonObject Group(string name, List<string> versions)
    {
        JsonObject Entry(string v) => new() { ["groupVersion"] = $"{name}/{v}", ["version"] = v };
        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)Entry(v))]),
            ["preferredVersion"] = Entry(versions[0]),
        };
    }

    /// <summary>Sort key: v2 before v1 before v1beta2 before v1beta1 before v1alpha1 before anything else.</summary>
    public static string VersionPriority(string version)
    {
        var match = KubeVersion().Match(version);
        if (!match.Success)
        {
            return "9" + version;
        }
        var major = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var stage = match.Groups[2].Value switch { "" => 0, "beta" => 1, _ => 2 };
        var minor = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{stage}{999 - major:D3}{999 - minor:D3}");
    }

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+))?$")]
    private static partial Regex KubeVersion();
}
