namespace KubeStash.Operator.Runtime.Generation;

/// <summary>One generated file, with its path relative to the kustomize root (e.g. <c>crd/bases/g_ks.yaml</c>).</summary>
public sealed record GeneratedManifest(string RelativePath, string Content);
