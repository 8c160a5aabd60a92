using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Api;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.LocalCluster.Http;

/// <summary>The errors kube-apiserver returns, with its exact messages, reasons and details.</summary>
internal static class ApiErrors
{
    public static ApiException NotFound(ApiResource resource, string name) =>
        new(404, "NotFound", $"{resource.QualifiedResource} \"{name}\" not found", Details(resource, name));

    public static ApiException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", new JsonObject { ["name"] = ns, ["kind"] = "namespaces" });

    public static ApiException NoSuchResource() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static ApiException AlreadyExists(ApiResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource.QualifiedResource} \"{name}\" already exists", Details(resource, name));

    public static ApiException Conflict(ApiResource resource, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {resource.QualifiedResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(resource, name));

    public static ApiException ConflictWithMessage(ApiResource resource, string name, string message) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {resource.QualifiedResource} \"{name}\": {message}", Details(resource, name));

    public static ApiException Invalid(ApiResource resource, string name, IReadOnlyList<FieldError> errors)
    {
        var texts = errors.Select(e => string.IsNullOrEmpty(e.Field) ? e.Message : $"{e.Field}: {e.Message}").ToList();
        var joined = texts.Count == 1 ? texts[0] : $"[{string.Join(", ", texts)}]";
        var details = new JsonObject
        {
            ["name"] = name,
            ["group"] = resource.Group,
            ["kind"] = resource.Kind,
            ["causes"] = new JsonArray([.. errors.Select(e => (JsonNode)new JsonObject
            {
                ["reason"] = e.Reason,
                ["message"] = e.Message,
                ["field"] = e.Field,
            })]),
        };
        if (resource.Group.Length == 0)
        {
            details.Remove("group");
        }
        return new ApiException(422, "Invalid", $"{resource.QualifiedKind} \"{name}\" is invalid: {joined}", details);
    }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", new JsonObject());

    public static ApiException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}",
            new JsonObject());

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException NamespaceTerminating(ApiResource resource, string name, string ns)
    {
        var message = $"unable to create new content in namespace {ns} because it is being terminated";
        return new ApiException(403, "Forbidden", $"{resource.QualifiedResource} \"{name}\" is forbidden: {message}", new JsonObject
        {
            ["name"] = name,
            ["group"] = resource.Group.Length == 0 ? null : resource.Group,
            ["kind"] = resource.Plural,
            ["causes"] = new JsonArray(new JsonObject
            {
                ["reason"] = "NamespaceTerminating",
                ["message"] = message,
                ["field"] = "metadata.namespace",
            }),
        });
    }

    public static ApiException TooLargeResourceVersion(long requested, long current) =>
        new(504, "Timeout", $"Too large resource version: {requested}, current: {current}", new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ResourceVersionTooLarge", ["message"] = "Too large resource version" }),
            ["retryAfterSeconds"] = 1,
        });

    public static ApiException Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}", new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["message"] = message }),
        });

    private static JsonObject Details(ApiResource resource, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (resource.Group.Length > 0)
        {
            details["group"] = resource.Group;
        }
        details["kind"] = resource.Plural;
        return details;
    }
}
