using System.Text;
using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Webhooks;

namespace KubeStash.Operator.Runtime.Generation;

/// <summary>
/// Writes the Validating/MutatingWebhookConfiguration for registered webhooks the way kubebuilder lays out
/// <c>config/webhook/manifests.yaml</c>: fixed configuration names, clientConfig pointing at the webhook Service (which
/// kustomize renames and cert-manager's cainjector fills with the CA).
/// </summary>
public static class WebhookManifestGenerator
{
    public const string ValidatingConfigurationName = "validating-webhook-configuration";
    public const string MutatingConfigurationName = "mutating-webhook-configuration";

    /// <summary>
    /// The webhooks defined among <paramref name="types"/>: every concrete class deriving from
    /// <see cref="ValidationWebhook{TEntity}"/> or <see cref="MutationWebhook{TEntity}"/>, registered as the
    /// runtime's <c>AddValidationWebhook</c>/<c>AddMutationWebhook</c> would.
    /// </summary>
    public static IReadOnlyList<WebhookRegistration> Discover(IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var found = new List<WebhookRegistration>();
        foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false, ContainsGenericParameters: false }))
        {
            for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (!baseType.IsGenericType)
                {
                    continue;
                }

                var definition = baseType.GetGenericTypeDefinition();
                var factory = definition == typeof(ValidationWebhook<>) ? nameof(WebhookRegistration.ForValidation)
                    : definition == typeof(MutationWebhook<>) ? nameof(WebhookRegistration.ForMutation)
                    : null;
                if (factory is null)
                {
                    continue;
                }

                var create = typeof(WebhookRegistration).GetMethod(factory)!.MakeGenericMethod(type, baseType.GetGenericArguments()[0]);
                try
                {
                    found.Add((WebhookRegistration)create.Invoke(null, null)!);
                }
                catch (System.Reflection.TargetInvocationException e) when (e.InnerException is ArgumentException problem)
                {
                    throw new ArgumentException($"Webhook class {type.FullName}: {problem.Message}", nameof(types), problem);
                }

                break;
            }
        }

        return found;
    }

    /// <summary>The YAML documents (empty when nothing is registered), ordered and stable for drift checks.</summary>
    public static string Generate(IEnumerable<WebhookRegistration> webhooks, string serviceName = "webhook-service", string serviceNamespace = "system")
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceNamespace);
        var all = webhooks.OrderBy(w => w.Name, StringComparer.Ordinal).ToList();
        var duplicate = all.GroupBy(w => w.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two webhooks are named {duplicate.Key}; webhook names must be unique.", nameof(webhooks));
        }

        var documents = new List<object>();
        var mutating = all.Where(w => w.Kind == WebhookKind.Mutating).ToList();
        if (mutating.Count > 0)
        {
            documents.Add(new V1MutatingWebhookConfiguration
            {
                ApiVersion = "admissionregistration.k8s.io/v1",
                Kind = "MutatingWebhookConfiguration",
                Metadata = new V1ObjectMeta { Name = MutatingConfigurationName },
                Webhooks = [.. mutating.Select(w => new V1MutatingWebhook
                {
                    AdmissionReviewVersions = ["v1"],
                    ClientConfig = ClientConfig(w, serviceName, serviceNamespace),
                    FailurePolicy = "Fail",
                    Name = w.Name,
                    Rules = [Rule(w)],
                    SideEffects = "None",
                })],
            });
        }

        var validating = all.Where(w => w.Kind == WebhookKind.Validating).ToList();
        if (validating.Count > 0)
        {
            documents.Add(new V1ValidatingWebhookConfiguration
            {
                ApiVersion = "admissionregistration.k8s.io/v1",
                Kind = "ValidatingWebhookConfiguration",
                Metadata = new V1ObjectMeta { Name = ValidatingConfigurationName },
                Webhooks = [.. validating.Select(w => new V1ValidatingWebhook
                {
                    AdmissionReviewVersions = ["v1"],
                    ClientConfig = ClientConfig(w, serviceName, serviceNamespace),
                    FailurePolicy = "Fail",
                    Name = w.Name,
                    Rules = [Rule(w)],
                    SideEffects = "None",
                })],
            });
        }

        var yaml = new StringBuilder();
        foreach (var document in documents)
        {
            yaml.Append("---\n").Append(KubernetesYaml.Serialize(document).ReplaceLineEndings("\n"));
            if (yaml[^1] != '\n')
            {
                yaml.Append('\n');
            }
        }

        return yaml.ToString();
    }

    private static Admissionregistrationv1WebhookClientConfig ClientConfig(WebhookRegistration webhook, string serviceName, string serviceNamespace)
        => new()
        {
            Service = new Admissionregistrationv1ServiceReference { Name = serviceName, NamespaceProperty = serviceNamespace, Path = webhook.Path },
        };

    private static V1RuleWithOperations Rule(WebhookRegistration webhook)
        => new()
        {
            ApiGroups = [webhook.Entity.Group],
            ApiVersions = [webhook.Entity.Version],
            Operations = [.. webhook.Operations],
            Resources = [webhook.Entity.Plural],
        };
}
