using System.CommandLine;
using KubeStash.Entities;
using KubeStash.Operator.Runtime.Generation;

namespace KubeStash.Operator.Commands;

/// <summary>
/// <c>manifests --output &lt;dir&gt;</c>: regenerates the CRDs, the operator ClusterRole and the webhook configurations
/// under config/.
/// </summary>
public static class ManifestsCommand
{
    /// <summary>The ClusterRole name, kubebuilder style; kustomize's namePrefix adds the product prefix.</summary>
    public const string RoleName = "operator-role";

    public static Command Create()
    {
        var output = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Root of the kustomize tree (e.g. config); crd/bases, crd/kustomization.yaml, rbac/role.yaml and webhook/manifests.yaml are written below it.",
            Required = true,
        };
        var command = new Command("manifests", "Generate the CustomResourceDefinitions, the operator's ClusterRole and its webhook configurations from the code.")
        {
            output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var root = parseResult.GetRequiredValue(output).FullName;
            IReadOnlyList<GeneratedManifest> manifests;
            try
            {
                manifests = Generate();
            }
            catch (ManifestGenerationException e)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"manifests: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            await ManifestGenerator.WriteAsync(root, manifests, cancellationToken).ConfigureAwait(false);
            foreach (var manifest in manifests)
            {
                await parseResult.InvocationConfiguration.Output.WriteLineAsync(Path.Combine(root, manifest.RelativePath)).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// The manifests as they should be on disk: entities from KubeStash.Entities, RBAC from this assembly, and the
    /// admission webhook classes of this assembly (none yet, so webhook/manifests.yaml is empty).
    /// </summary>
    public static IReadOnlyList<GeneratedManifest> Generate() =>
        new ManifestGenerator(new XmlDocumentation()).Generate(
            typeof(CustomResource<>).Assembly.GetTypes(),
            typeof(ManifestsCommand).Assembly.GetTypes(),
            RoleName,
            webhooks: WebhookManifestGenerator.Discover(typeof(ManifestsCommand).Assembly.GetTypes()));
}
