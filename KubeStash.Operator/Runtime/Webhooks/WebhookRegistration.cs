using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Entities;

namespace KubeStash.Operator.Runtime.Webhooks;

/// <summary>
/// One admission webhook as served (path, handler) and as declared to the API server (name, rules), kubebuilder style:
/// path <c>/validate-&lt;group with dashes&gt;-&lt;version&gt;-&lt;kind&gt;</c>, name <c>v&lt;kind&gt;.&lt;group&gt;</c>.
/// </summary>
public sealed record WebhookRegistration(
    WebhookKind Kind,
    Type WebhookType,
    EntityType Entity,
    IReadOnlyList<string> Operations,
    string Path,
    string Name,
    Func<IServiceProvider, AdmissionRequest, CancellationToken, Task<AdmissionResponse>> Handle)
{
    public static WebhookRegistration ForValidation<TWebhook, TEntity>()
        where TWebhook : ValidationWebhook<TEntity>
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var entity = EntityType.Of<TEntity>();
        var operations = new List<string>();
        AddIfOverridden(typeof(TWebhook), nameof(ValidationWebhook<TEntity>.CreateAsync), "CREATE", operations);
        AddIfOverridden(typeof(TWebhook), nameof(ValidationWebhook<TEntity>.UpdateAsync), "UPDATE", operations);
        AddIfOverridden(typeof(TWebhook), nameof(ValidationWebhook<TEntity>.DeleteAsync), "DELETE", operations);
        if (operations.Count == 0)
        {
            throw new ArgumentException(
                $"Validation webhook {typeof(TWebhook).Name} overrides none of CreateAsync, UpdateAsync, DeleteAsync, so it would check nothing.");
        }

        return Create(
            WebhookKind.Validating,
            typeof(TWebhook),
            entity,
            operations,
            (services, request, cancellationToken) => ValidateAsync<TEntity>(
                (ValidationWebhook<TEntity>)services.GetRequiredService(typeof(TWebhook)), request, cancellationToken));
    }

    public static WebhookRegistration ForMutation<TWebhook, TEntity>()
        where TWebhook : MutationWebhook<TEntity>
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var entity = EntityType.Of<TEntity>();
        var operations = new List<string>();
        AddIfOverridden(typeof(TWebhook), nameof(MutationWebhook<TEntity>.CreateAsync), "CREATE", operations);
        AddIfOverridden(typeof(TWebhook), nameof(MutationWebhook<TEntity>.UpdateAsync), "UPDATE", operations);
        if (operations.Count == 0)
        {
            throw new ArgumentException(
                $"Mutation webhook {typeof(TWebhook).Name} overrides neither CreateAsync nor UpdateAsync, so it would change nothing.");
        }

        return Create(
            WebhookKind.Mutating,
            typeof(TWebhook),
            entity,
            operations,
            (services, request, cancellationToken) => MutateAsync<TEntity>(
                (MutationWebhook<TEntity>)services.GetRequiredService(typeof(TWebhook)), request, cancellationToken));
    }

    // kubebuilder's naming: path /validate-<group with dashes>-<version>-<kind>, name v<kind>.<group> (m… for mutation).
    private static WebhookRegistration Create(
        WebhookKind webhookKind,
        Type webhookType,
        EntityType entity,
        IReadOnlyList<string> operations,
        Func<IServiceProvider, AdmissionRequest, CancellationToken, Task<AdmissionResponse>> handle)
    {
        var kind = entity.Kind.ToLowerInvariant();
        var group = entity.Group.Replace('.', '-');
        var (pathVerb, namePrefix) = webhookKind == WebhookKind.Validating ? ("validate", 'v') : ("mutate", 'm');
        return new WebhookRegistration(
            webhookKind,
            webhookType,
            entity,
            operations,
            $"/{pathVerb}-{group}-{entity.Version}-{kind}",
            $"{namePrefix}{kind}.{(entity.Group.Length == 0 ? "core.k8s.io" : entity.Group)}",
            handle);
    }

    private static void AddIfOverridden(Type webhook, string method, string operation, List<string> operations)
    {
        var declared = webhook.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name == method)
            .Any(m => m.GetBaseDefinition().DeclaringType != m.DeclaringType);
        if (declared)
        {
            operations.Add(operation);
        }
    }

    private static async Task<AdmissionResponse> ValidateAsync<TEntity>(
        ValidationWebhook<TEntity> webhook, AdmissionRequest request, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var dryRun = request.DryRun ?? false;
        var result = request.Operation switch
        {
            "CREATE" => await webhook.CreateAsync(Parse<TEntity>(request.NewObject, "object"), dryRun, cancellationToken),
            "UPDATE" => await webhook.UpdateAsync(
                Parse<TEntity>(request.OldObject, "oldObject"), Parse<TEntity>(request.NewObject, "object"), dryRun, cancellationToken),
            "DELETE" => await webhook.DeleteAsync(Parse<TEntity>(request.OldObject, "oldObject"), dryRun, cancellationToken),
            _ => AdmissionResult.Allow(),
        };
        return new AdmissionResponse
        {
            Uid = request.Uid,
            Allowed = result.Allowed,
            Status = result.Allowed ? null : new AdmissionStatus { Code = result.StatusCode, Message = result.Message ?? "denied" },
            Warnings = result.Warnings.Count == 0 ? null : result.Warnings,
        };
    }

    private static async Task<AdmissionResponse> MutateAsync<TEntity>(
        MutationWebhook<TEntity> webhook, AdmissionRequest request, CancellationToken cancellationToken)
        where TEntity : class, IKubernetesObject<V1ObjectMeta>
    {
        var dryRun = request.DryRun ?? false;
        var result = request.Operation switch
        {
            "CREATE" => await webhook.CreateAsync(Parse<TEntity>(request.NewObject, "object"), dryRun, cancellationToken),
            "UPDATE" => await webhook.UpdateAsync(
                Parse<TEntity>(request.OldObject, "oldObject"), Parse<TEntity>(request.NewObject, "object"), dryRun, cancellationToken),
            _ => MutationResult.NoChanges<TEntity>(),
        };
        var verdict = result.Verdict;
        var response = new AdmissionResponse
        {
            Uid = request.Uid,
            Allowed = verdict.Allowed,
            Status = verdict.Allowed ? null : new AdmissionStatus { Code = verdict.StatusCode, Message = verdict.Message ?? "denied" },
            Warnings = verdict.Warnings.Count == 0 ? null : verdict.Warnings,
        };
        if (verdict.Allowed && result.Modified is { } modified)
        {
            // Both sides go through the entity class, so fields it does not model appear in neither and are left alone.
            var original = JsonNode.Parse(KubernetesJson.Serialize(Parse<TEntity>(request.NewObject, "object")));
            var changed = JsonNode.Parse(KubernetesJson.Serialize(modified));
            var patch = JsonPatchDiff.Create(original, changed);
            if (patch.Count > 0)
            {
                response.PatchType = "JSONPatch";
                response.Patch = Convert.ToBase64String(Encoding.UTF8.GetBytes(patch.ToJsonString()));
            }
        }

        return response;
    }

    private static TEntity Parse<TEntity>(JsonElement? element, string field)
        => element is { ValueKind: JsonValueKind.Object } value
            ? KubernetesJson.Deserialize<TEntity>(value.GetRawText())
            : throw new InvalidAdmissionRequestException($"request.{field} is missing from the AdmissionReview.");
}
