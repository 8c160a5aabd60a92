namespace KubeStash.LocalCluster.Semantics;

/// <summary>A Go API type as strategic merge patch sees it: the fields that carry patch metadata.</summary>
internal sealed class StrategicPatchType(string name)
{
    private readonly Dictionary<string, StrategicPatchField> fields = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public StrategicPatchField? Field(string jsonName) => fields.GetValueOrDefault(jsonName);

    public StrategicPatchType With(string jsonName, StrategicPatchField field)
    {
        fields[jsonName] = field;
        return this;
    }
}
