namespace KubeStash.Entities.Schema;

/// <summary>
/// Marks a property whose content is genuinely free-form (e.g. task params), so its schema keeps unknown
/// fields instead of letting the API server prune them.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class PreserveUnknownFieldsAttribute : Attribute;
