namespace KubeStash.LocalCluster.Api;

/// <summary>Per-request write options and what the request reports back (warnings become Warning headers).</summary>
internal sealed class WriteContext
{
    public bool DryRun { get; init; }

    /// <summary>Strict, Warn (kube-apiserver's default when the parameter is absent) or Ignore.</summary>
    public string FieldValidation { get; init; } = "Warn";

    public List<string> Warnings { get; } = [];

    public static WriteContext Internal() => new() { FieldValidation = "Ignore" };
}
