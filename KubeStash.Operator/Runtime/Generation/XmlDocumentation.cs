using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Xml;

namespace KubeStash.Operator.Runtime.Generation;

/// <summary>
/// The <c>&lt;summary&gt;</c> texts of the XML documentation files that sit next to assemblies, turned into plain
/// text for schema descriptions.
/// </summary>
public sealed class XmlDocumentation
{
    private readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> _byAssembly = new();

    /// <summary>The summary of a type, or null when it has none.</summary>
    public string? Summary(Type type)
    {
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return Lookup(definition.Assembly, "T:" + MemberIdTypeName(definition));
    }

    /// <summary>The summary of a property, looked up on the type that declares it, or null when it has none.</summary>
    public string? Summary(PropertyInfo property)
    {
        var declaring = property.DeclaringType
            ?? throw new ArgumentException($"Property {property.Name} has no declaring type.", nameof(property));
        var definition = declaring.IsGenericType ? declaring.GetGenericTypeDefinition() : declaring;
        return Lookup(definition.Assembly, "P:" + MemberIdTypeName(definition) + "." + property.Name);
    }

    private string? Lookup(Assembly assembly, string memberId) =>
        _byAssembly.GetOrAdd(assembly, Load).TryGetValue(memberId, out var text) ? text : null;

    // Member ids use the namespace-qualified name with '.' between nested types and `N for generic arity.
    private static string MemberIdTypeName(Type type) =>
        (type.FullName ?? throw new ArgumentException($"Type {type} has no full name.", nameof(type))).Replace('+', '.');

    private static Dictionary<string, string> Load(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (string.IsNullOrEmpty(assembly.Location) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The XML documentation of assembly {assembly.GetName().Name} was not found at '{path}'. Schema " +
                "descriptions come from it: build with GenerateDocumentationFile, and for package assemblies set " +
                "CopyDocumentationFilesFromPackages in the project that runs the generator.", path);
        }

        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(path, new XmlReaderSettings { IgnoreComments = true, DtdProcessing = DtdProcessing.Prohibit });
        while (reader.ReadToFollowing("member"))
        {
            var name = reader.GetAttribute("name");
            if (name is null)
            {
                continue;
            }

            using var member = reader.ReadSubtree();
            if (member.ReadToDescendant("summary"))
            {
                var text = PlainText(member);
                if (text.Length > 0)
                {
                    summaries[name] = text;
                }
            }
        }

        return summaries;
    }

    // Reads the content of the element the reader is on and renders it as plain text: inline code and references
    // keep their words, <para> separates paragraphs, whitespace inside a paragraph collapses to single spaces.
    private static string PlainText(XmlReader reader)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        var depth = reader.Depth;
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        while (reader.Read() && reader.Depth > depth)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    current.Append(reader.Value);
                    break;
                case XmlNodeType.Element when reader.LocalName is "para" or "br":
                    EndParagraph(paragraphs, current);
                    break;
                case XmlNodeType.Element when reader.LocalName is "see" or "seealso" or "paramref" or "typeparamref":
                    current.Append(ReferenceText(reader));
                    break;
                case XmlNodeType.EndElement when reader.LocalName == "para":
                    EndParagraph(paragraphs, current);
                    break;
            }
        }

        EndParagraph(paragraphs, current);
        return string.Join("\n\n", paragraphs);
    }

    private static string ReferenceText(XmlReader reader)
    {
        if (reader.GetAttribute("langword") is { } word)
        {
            return word;
        }

        if (reader.GetAttribute("name") is { } name)
        {
            return name;
        }

        if (!reader.IsEmptyElement)
        {
            // <see cref="...">text</see>: the text is read by the caller's loop.
            return string.Empty;
        }

        var target = reader.GetAttribute("cref") ?? reader.GetAttribute("href") ?? string.Empty;
        if (target.Length > 1 && target[1] == ':')
        {
            target = target[2..];
        }

        var parenthesis = target.IndexOf('(', StringComparison.Ordinal);
        if (parenthesis >= 0)
        {
            target = target[..parenthesis];
        }

        var tick = target.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            target = target[..tick];
        }

        var dot = target.LastIndexOf('.');
        return dot >= 0 ? target[(dot + 1)..] : target;
    }

    private static void EndParagraph(List<string> paragraphs, StringBuilder current)
    {
        var text = string.Join(' ', current.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length > 0)
        {
            paragraphs.Add(text);
        }

        current.Clear();
    }
}
