using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// The string formats kube-apiserver checks in CRD schemas (kube-openapi's strfmt registry). Names are compared as
/// the registry does, without dashes and underscores ("date-time" is "datetime"). Formats outside the registry —
/// and the numeric ones (int32, int64, float, double), which kube never checks on strings — are not checked.
/// </summary>
internal static partial class SchemaFormats
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$")]
    private static partial Regex DateTimeRegex();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateRegex();

    [GeneratedRegex("^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$")]
    private static partial Regex UuidRegex();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-3[0-9a-fA-F]{3}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid3Regex();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-4[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid4Regex();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-5[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$")]
    private static partial Regex Uuid5Regex();

    [GeneratedRegex(@"^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$")]
    private static partial Regex HostnameRegex();

    [GeneratedRegex(@"^[^\s@]+@[^\s@]+$")]
    private static partial Regex EmailRegex();

    [GeneratedRegex("^([0-9A-Fa-f]{2}[:-]){5}([0-9A-Fa-f]{2})$|^([0-9A-Fa-f]{4}\\.){2}[0-9A-Fa-f]{4}$")]
    private static partial Regex MacRegex();

    [GeneratedRegex(@"^(\s*[-+]?\d+(\.\d+)?\s*(ns|us|µs|ms|s|m|h|d|w|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?)\s*)+$")]
    private static partial Regex DurationRegex();

    [GeneratedRegex("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    private static partial Regex HexColorRegex();

    [GeneratedRegex(@"^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$")]
    private static partial Regex RgbColorRegex();

    [GeneratedRegex(@"^\d{3}[- ]?\d{2}[- ]?\d{4}$")]
    private static partial Regex SsnRegex();

    [GeneratedRegex("^[0-9a-fA-F]{24}$")]
    private static partial Regex BsonObjectIdRegex();

    /// <summary>True when the value is valid for the format, or the format is one kube does not check.</summary>
    public static bool IsValid(string format, string value)
    {
        var name = format.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return name switch
        {
            "datetime" => DateTimeRegex().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "date" => DateRegex().IsMatch(value) && DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            "byte" => IsBase64(value),
            "uuid" => UuidRegex().IsMatch(value),
            "uuid3" => Uuid3Regex().IsMatch(value),
            "uuid4" => Uuid4Regex().IsMatch(value),
            "uuid5" => Uuid5Regex().IsMatch(value),
            "hostname" => value.Length <= 255 && HostnameRegex().IsMatch(value),
            "email" => EmailRegex().IsMatch(value),
            "ipv4" => IPAddress.TryParse(value, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork && value.Count(c => c == '.') == 3,
            "ipv6" => IPAddress.TryParse(value, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6,
            "cidr" => IPNetwork.TryParse(value, out _) && value.Contains('/', StringComparison.Ordinal),
            "mac" => MacRegex().IsMatch(value),
            "duration" => DurationRegex().IsMatch(value),
            "uri" => Uri.TryCreate(value, UriKind.Absolute, out _),
            "hexcolor" => HexColorRegex().IsMatch(value),
            "rgbcolor" => RgbColorRegex().Match(value) is { Success: true } m && m.Groups.Values.Skip(1).All(g => int.Parse(g.Value, CultureInfo.InvariantCulture) <= 255),
            "ssn" => SsnRegex().IsMatch(value),
            "bsonobjectid" => BsonObjectIdRegex().IsMatch(value),
            _ => true,
        };
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out _);
    }
}
