using System.Globalization;
using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Api;

namespace KubeStash.LocalCluster.Http;

/// <summary>GET pods/{name}/log: the container's output as text/plain, with kube's errors for ambiguous or unstarted containers.</summary>
internal static class PodLogEndpoint
{
    public static async Task ServeAsync(HttpContext context, ResourceService service, ApiResource pods, string ns, string name, IPodLogSource? logs)
    {
        var pod = service.Get(pods, ns, name);
        var containers = (pod["spec"]?["containers"] as JsonArray ?? [])
            .Select(c => ObjectJson.String(c?["name"]))
            .OfType<string>()
            .ToList();
        var initContainers = (pod["spec"]?["initContainers"] as JsonArray ?? [])
            .Select(c => ObjectJson.String(c?["name"]))
            .OfType<string>()
            .ToList();
        var container = context.Request.Query["container"].ToString();
        if (container.Length == 0)
        {
            if (containers.Count != 1)
            {
                throw ApiErrors.BadRequest(
                    $"a container name must be specified for pod {name}, choose one of: [{string.Join(" ", containers)}]"
                    + (initContainers.Count > 0 ? $" or one of the init containers: [{string.Join(" ", initContainers)}]" : ""));
            }
            container = containers[0];
        }
        else if (!containers.Contains(container) && !initContainers.Contains(container))
        {
            throw ApiErrors.BadRequest($"container {container} is not valid for pod {name}");
        }
        var text = logs?.Read(ns, name, container)
            ?? throw ApiErrors.BadRequest($"container \"{container}\" in pod \"{name}\" is waiting to start: ContainerCreating");
        if (int.TryParse(context.Request.Query["tailLines"], NumberStyles.None, CultureInfo.InvariantCulture, out var tail))
        {
            var lines = text.Split('\n');
            var trailingNewline = text.EndsWith('\n');
            var content = trailingNewline ? lines[..^1] : lines;
            text = string.Join('\n', content.TakeLast(tail)) + (trailingNewline && tail > 0 ? "\n" : "");
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }
}
