using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using KubeStash.LocalCluster.Api;
using KubeStash.LocalCluster.Http;
using KubeStash.LocalCluster.Semantics;
using KubeStash.LocalCluster.Storage;

namespace KubeStash.LocalCluster.Admission;

/// <summary>
/// Calls the admission webhooks registered through Mutating/ValidatingWebhookConfiguration objects, as
/// kube-apiserver does: matching rules and selectors, AdmissionReview v1 over HTTP(S), JSON patches from
/// mutating webhooks, denials with kube's message, failurePolicy and timeouts, warnings passed through.
/// </summary>
internal sealed class AdmissionWebhooks(ObjectStore store, Func<string, string, int, Uri?> serviceResolver, ILogger logger)
{
    private const string MutatingTable = "mutatingwebhookconfigurations.admissionregistration.k8s.io";
    private const string ValidatingTable = "validatingwebhookconfigurations.admissionregistration.k8s.io";

    /// <summary>Runs the mutating (<paramref name="mutate"/>) or validating webhooks; returns the possibly patched object.</summary>
    public async Task<JsonObject> AdmitAsync(ApiResource resource, string operation, string subresource, string? ns, string name,
        JsonObject? obj, JsonObject? old, WriteContext context, bool mutate, CancellationToken cancellationToken)
    {
        if (resource.Group == "admissionregistration.k8s.io")
        {
            return obj!;
        }
        var configurations = store.Snapshot(mutate ? MutatingTable : ValidatingTable);
        if (configurations.Count == 0)
        {
            return obj!;
        }
        foreach (var (_, json) in configurations)
        {
            var configuration = ObjectJson.Parse(json);
            foreach (var webhook in (configuration["webhooks"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (!Matches(webhook, resource, operation, subresource, ns, obj ?? old))
                {
                    continue;
                }
                obj = await CallAsync(webhook, resource, operation, subresource, ns, name, obj, old, context, mutate, cancellationToken) ?? obj;
            }
        }
        return obj!;
    }

    private async Task<JsonObject?> CallAsync(JsonObject webhook, ApiResource resource, string operation, string subresource, string? ns, string name,
        JsonObject? obj, JsonObject? old, WriteContext context, bool mutate, CancellationToken cancellationToken)
    {
        var webhookName = ObjectJson.String(webhook["name"]) ?? "";
        var failurePolicy = ObjectJson.String(webhook["failurePolicy"]) ?? "Fail";
        var sideEffects = ObjectJson.String(webhook["sideEffects"]) ?? "Unknown";
        if (context.DryRun && sideEffects is not ("None" or "NoneOnDryRun"))
        {
            throw ApiErrors.BadRequest($"admission webhook \"{webhookName}\" does not support dry run");
        }
        var timeout = TimeSpan.FromSeconds(webhook["timeoutSeconds"] is JsonValue t ? t.GetValue<int>() : 10);
        var uid = Guid.NewGuid().ToString();
        Uri? url = null;
        JsonObject? response;
        try
        {
            url = ResolveUrl(webhook["clientConfig"] as JsonObject, webhookName);
            var review = Review(uid, resource, operation, subresource, ns, name, obj, old, context.DryRun);
            using var client = CreateClient(ObjectJson.String(webhook["clientConfig"]?["caBundle"]), timeout);
            using var content = new StringContent(review.ToJsonString(WireJson.Options), Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            using var httpResponse = await client.PostAsync(url, content, timeoutSource.Token);
            var text = await httpResponse.Content.ReadAsStringAsync(timeoutSource.Token);
            if (!httpResponse.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"expected response code 200, got {(int)httpResponse.StatusCode}: {text}");
            }
            response = JsonNode.Parse(text)?["response"] as JsonObject
                ?? throw new InvalidOperationException("webhook response was absent");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or InvalidOperationException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is OperationCanceledException ? "context deadline exceeded" : ex.Message;
            var message = $"failed calling webhook \"{webhookName}\": failed to call webhook: Post \"{url}\": {reason}";
            if (failurePolicy == "Ignore")
            {
                logger.LogWarning("Ignoring a failed admission webhook {Webhook}: {Message}", webhookName, message);
                return obj;
            }
            throw ApiErrors.Internal(message);
        }

        foreach (var warning in (response["warnings"] as JsonArray ?? []).Select(ObjectJson.String).OfType<string>())
        {
            context.Warnings.Add(warning);
        }
        if (response["allowed"] is not JsonValue allowed || !allowed.GetValue<bool>())
        {
            throw Denied(webhookName, response["status"] as JsonObject);
        }
        if (!mutate || obj is null || ObjectJson.String(response["patch"]) is not { Length: > 0 } patch)
        {
            return obj;
        }
        var operations = JsonNode.Parse(Convert.FromBase64String(patch)) as JsonArray
            ?? throw ApiErrors.Internal($"received invalid webhook response: the patch of webhook \"{webhookName}\" is not a JSON patch");
        try
        {
            return JsonPatchDocument.Apply(obj, operations).AsObject();
        }
        catch (PatchException ex)
        {
            throw ApiErrors.Internal($"JSON Patch from admission webhook \"{webhookName}\": {ex.Message}");
        }
    }

    private static ApiException Denied(string webhookName, JsonObject? status)
    {
        var deniedBy = $"admission webhook \"{webhookName}\" denied the request";
        var code = status?["code"] is JsonValue c ? c.GetValue<int>() : 0;
        if (code < 400)
        {
            code = 400;
        }
        var message = ObjectJson.String(status?["message"]);
        var reason = ObjectJson.String(status?["reason"]);
        var text = !string.IsNullOrEmpty(message) ? $"{deniedBy}: {message}"
            : !string.IsNullOrEmpty(reason) ? $"{deniedBy}: {reason}"
            : $"{deniedBy} without explanation";
        return new ApiException(code, reason ?? "", text, status?["details"]?.DeepClone() as JsonObject);
    }

    private Uri ResolveUrl(JsonObject? clientConfig, string webhookName)
    {
        if (ObjectJson.String(clientConfig?["url"]) is { } url)
        {
            return new Uri(url);
        }
        if (clientConfig?["service"] is JsonObject service)
        {
            var ns = ObjectJson.String(service["namespace"]) ?? "";
            var name = ObjectJson.String(service["name"]) ?? "";
            var port = service["port"] is JsonValue p ? p.GetValue<int>() : 443;
            var baseUri = serviceResolver(ns, name, port)
                ?? throw new InvalidOperationException($"service {ns}/{name}:{port} of webhook \"{webhookName}\" has no local address (map it with LocalClusterOptions.WebhookServices)");
            var path = ObjectJson.String(service["path"]) ?? "/";
            return new Uri(baseUri, path);
        }
        throw new InvalidOperationException($"webhook \"{webhookName}\" has neither clientConfig.url nor clientConfig.service");
    }

    private static HttpClient CreateClient(string? caBundle, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler();
        if (!string.IsNullOrEmpty(caBundle))
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(Encoding.UTF8.GetString(Convert.FromBase64String(caBundle)));
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (certificate is null)
                    {
                        return false;
                    }
                    if (errors == SslPolicyErrors.None)
                    {
                        return true;
                    }
                    if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                    {
                        return false;
                    }
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(certificate));
                },
            };
        }
        return new HttpClient(handler) { Timeout = timeout + TimeSpan.FromSeconds(1) };
    }

    private static JsonObject Review(string uid, ApiResource resource, string operation, string subresource, string? ns, string name,
        JsonObject? obj, JsonObject? old, bool dryRun)
    {
        var kind = new JsonObject { ["group"] = resource.Group, ["version"] = resource.Version, ["kind"] = resource.Kind };
        var gvr = new JsonObject { ["group"] = resource.Group, ["version"] = resource.Version, ["resource"] = resource.Plural };
        var options = operation switch
        {
            "CREATE" => "CreateOptions",
            "UPDATE" => "UpdateOptions",
            _ => "DeleteOptions",
        };
        var request = new JsonObject
        {
            ["uid"] = uid,
            ["kind"] = kind,
            ["resource"] = gvr,
            ["requestKind"] = kind.DeepClone(),
            ["requestResource"] = gvr.DeepClone(),
            ["name"] = name,
            ["operation"] = operation,
            ["userInfo"] = new JsonObject
            {
                ["username"] = "system:admin",
                ["groups"] = new JsonArray("system:masters", "system:authenticated"),
            },
            ["object"] = obj?.DeepClone(),
            ["oldObject"] = old?.DeepClone(),
            ["dryRun"] = dryRun,
            ["options"] = new JsonObject { ["kind"] = options, ["apiVersion"] = "meta.k8s.io/v1" },
        };
        if (subresource.Length > 0)
        {
            request["subResource"] = subresource;
        }
        if (ns is not null)
        {
            request["namespace"] = ns;
        }
        return new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = request,
        };
    }

    private bool Matches(JsonObject webhook, ApiResource resource, string operation, string subresource, string? ns, JsonObject? obj)
    {
        var ruleMatched = (webhook["rules"] as JsonArray ?? []).OfType<JsonObject>().Any(rule =>
        {
            var operations = Strings(rule["operations"]);
            var groups = Strings(rule["apiGroups"]);
            var versions = Strings(rule["apiVersions"]);
            var resources = Strings(rule["resources"]);
            var scope = ObjectJson.String(rule["scope"]) ?? "*";
            var wanted = subresource.Length == 0 ? resource.Plural : $"{resource.Plural}/{subresource}";
            var resourceMatch = resources.Any(r => r == wanted || r == "*/*"
                || (r == "*" && subresource.Length == 0)
                || (subresource.Length > 0 && r == $"*/{subresource}")
                || (subresource.Length == 0 && r == $"{resource.Plural}"));
            var scopeMatch = scope == "*" || (scope == "Namespaced") == resource.Namespaced;
            return (operations.Contains("*") || operations.Contains(operation))
                && (groups.Contains("*") || groups.Contains(resource.Group))
                && (versions.Contains("*") || versions.Contains(resource.Version))
                && resourceMatch && scopeMatch;
        });
        if (!ruleMatched)
        {
            return false;
        }
        if (webhook["objectSelector"] is JsonObject objectSelector && obj is not null
            && !SelectorMatches(objectSelector, ObjectJson.Labels(obj)))
        {
            return false;
        }
        if (webhook["namespaceSelector"] is JsonObject namespaceSelector)
        {
            Dictionary<string, string>? labels = null;
            if (resource is { Group: "", Plural: "namespaces" } && obj is not null)
            {
                labels = ObjectJson.Labels(obj);
            }
            else if (resource.Namespaced && ns is not null && store.Get("namespaces", ns) is { } stored)
            {
                labels = ObjectJson.Labels(ObjectJson.Parse(stored.Json));
            }
            if (labels is not null && !SelectorMatches(namespaceSelector, labels))
            {
                return false;
            }
        }
        return true;
    }

    private static bool SelectorMatches(JsonObject selector, Dictionary<string, string> labels)
    {
        var terms = new List<string>();
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            terms.AddRange(matchLabels.Select(p => $"{p.Key}={ObjectJson.String(p.Value)}"));
        }
        foreach (var expression in (selector["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = ObjectJson.String(expression["key"]);
            var values = string.Join(",", Strings(expression["values"]));
            terms.Add(ObjectJson.String(expression["operator"]) switch
            {
                "In" => $"{key} in ({values})",
                "NotIn" => $"{key} notin ({values})",
                "Exists" => key!,
                "DoesNotExist" => $"!{key}",
                var other => throw new FormatException($"unsupported label selector operator \"{other}\""),
            });
        }
        return terms.Count == 0 || LabelSelector.Parse(string.Join(",", terms)).Matches(labels);
    }

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(ObjectJson.String).OfType<string>()] : [];
}
