namespace KubeStash.Entities.Schema;

/// <summary>
/// One column of <c>kubectl get</c> for the kind (a CRD <c>additionalPrinterColumns</c> entry). Columns appear in
/// declaration order after NAME.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class PrinterColumnAttribute(string name, string type, string jsonPath) : Attribute
{
    /// <summary>Column header as kubectl shows it, e.g. <c>Phase</c>.</summary>
    public string Name { get; } = name;

    /// <summary>OpenAPI type of the column: string, integer, number, boolean or date.</summary>
    public string Type { get; } = type;

    /// <summary>Simple JSONPath evaluated against each object, e.g. <c>.status.phase</c>.</summary>
    public string JsonPath { get; } = jsonPath;

    /// <summary>0 shows the column always; higher values only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }

    /// <summary>Optional human description of the column.</summary>
    public string? Description { get; init; }

    /// <summary>Optional OpenAPI format, e.g. <c>date-time</c>.</summary>
    public string? Format { get; init; }
}
