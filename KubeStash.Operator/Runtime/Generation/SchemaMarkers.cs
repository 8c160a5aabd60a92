using System.Collections;
using System.Reflection;

namespace KubeStash.Operator.Runtime.Generation;

/// <summary>
/// Reads the schema attributes of entity classes by their type name (<c>ShortNamesAttribute</c>,
/// <c>CategoriesAttribute</c>, <c>EntityScopeAttribute</c>, <c>PrinterColumnAttribute</c>,
/// <c>PreserveUnknownFieldsAttribute</c>) so that entity assemblies declare them in their own namespace and need not
/// reference this runtime.
/// </summary>
internal static class SchemaMarkers
{
    public static IReadOnlyList<string> ShortNames(Type type) => Names(type, "ShortNamesAttribute");

    public static IReadOnlyList<string> Categories(Type type) => Names(type, "CategoriesAttribute");

    public static bool IsClusterScoped(Type type)
    {
        var scope = Find(type.GetCustomAttributes(inherit: false), "EntityScopeAttribute").SingleOrDefault();
        if (scope is null)
        {
            return false;
        }

        return Read(scope, "Scope")?.ToString() switch
        {
            "Cluster" => true,
            "Namespaced" => false,
            var other => throw new ManifestGenerationException($"{type.FullName}: [EntityScope] has unknown scope '{other}'."),
        };
    }

    public static IReadOnlyList<PrinterColumn> PrinterColumns(Type type) =>
        Find(type.GetCustomAttributes(inherit: false), "PrinterColumnAttribute")
            .Select(a => new PrinterColumn(
                Read(a, "Name") as string ?? string.Empty,
                Read(a, "Type") as string ?? string.Empty,
                Read(a, "JsonPath") as string ?? string.Empty,
                Read(a, "Priority") as int? ?? 0,
                Read(a, "Description") as string,
                Read(a, "Format") as string))
            .ToList();

    public static bool PreservesUnknownFields(PropertyInfo property) =>
        Find(property.GetCustomAttributes(inherit: true), "PreserveUnknownFieldsAttribute").Any();

    private static List<string> Names(Type type, string attributeName) =>
        Find(type.GetCustomAttributes(inherit: false), attributeName)
            .SelectMany(a => Read(a, "Names") is IEnumerable names ? names.Cast<object>().Select(n => n.ToString() ?? string.Empty) : [])
            .ToList();

    private static IEnumerable<object> Find(object[] attributes, string attributeName) =>
        attributes.Where(a => a.GetType().Name == attributeName);

    private static object? Read(object attribute, string property) =>
        attribute.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)?.GetValue(attribute);
}
