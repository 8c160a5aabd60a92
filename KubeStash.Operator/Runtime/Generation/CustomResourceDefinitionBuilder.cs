using k8s.Models;

namespace KubeStash.Operator.Runtime.Generation;

/// <summary>
/// Turns an entity class into an <c>apiextensions.k8s.io/v1</c> CustomResourceDefinition: names, scope, the structural
/// schema, the status subresource and printer columns, all read from the class and its attributes.
/// </summary>
public sealed class CustomResourceDefinitionBuilder(OpenApiSchemaBuilder schemas)
{
    private static readonly HashSet<string> ColumnTypes = ["string", "integer", "number", "boolean", "date"];

    public V1CustomResourceDefinition Build(EntityDefinition entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.Group.Length == 0)
        {
            throw new ManifestGenerationException($"{entity.Type.FullName}: a custom resource needs a non-empty API group.");
        }

        var shortNames = SchemaMarkers.ShortNames(entity.Type);
        var categories = SchemaMarkers.Categories(entity.Type);
        var columns = SchemaMarkers.PrinterColumns(entity.Type).Select(c => Column(entity, c)).ToList();
        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{entity.Plural}.{entity.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = entity.Kind,
                    ListKind = entity.Kind + "List",
                    Plural = entity.Plural,
                    Singular = entity.Kind.ToLowerInvariant(),
                    ShortNames = shortNames.Count > 0 ? shortNames.ToList() : null,
                    Categories = categories.Count > 0 ? categories.ToList() : null,
                },
                Scope = SchemaMarkers.IsClusterScoped(entity.Type) ? "Cluster" : "Namespaced",
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = entity.Version,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = schemas.ForEntity(entity.Type) },
                        Subresources = entity.HasStatus ? new V1CustomResourceSubresources { Status = new object() } : null,
                        AdditionalPrinterColumns = columns.Count > 0 ? columns : null,
                    },
                ],
            },
        };
    }

    private static V1CustomResourceColumnDefinition Column(EntityDefinition entity, PrinterColumn column)
    {
        var where = $"{entity.Type.FullName} [PrinterColumn(\"{column.Name}\")]";
        if (string.IsNullOrWhiteSpace(column.Name))
        {
            throw new ManifestGenerationException($"{entity.Type.FullName}: a [PrinterColumn] has no name.");
        }

        if (!ColumnTypes.Contains(column.Type))
        {
            throw new ManifestGenerationException($"{where}: type '{column.Type}' is not one of {string.Join(", ", ColumnTypes)}.");
        }

        if (!column.JsonPath.StartsWith('.'))
        {
            throw new ManifestGenerationException($"{where}: JSON path '{column.JsonPath}' must start with '.'.");
        }

        if (column.Priority < 0)
        {
            throw new ManifestGenerationException($"{where}: priority must not be negative.");
        }

        return new V1CustomResourceColumnDefinition
        {
            Name = column.Name,
            Type = column.Type,
            JsonPath = column.JsonPath,
            Priority = column.Priority == 0 ? null : column.Priority,
            Description = column.Description,
            Format = column.Format,
        };
    }
}
