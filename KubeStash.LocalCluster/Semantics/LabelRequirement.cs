using System.Globalization;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>One requirement of a label selector: a key, an operator and (for most operators) values.</summary>
public sealed class LabelRequirement
{
    internal LabelRequirement(string key, LabelSelectorOperator op, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = op;
        Values = values;
    }

    public string Key { get; }

    public LabelSelectorOperator Operator { get; }

    /// <summary>The values, sorted as kube keeps them (a set).</summary>
    public IReadOnlyList<string> Values { get; }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var has = labels is not null && labels.TryGetValue(Key, out value);
        switch (Operator)
        {
            case LabelSelectorOperator.Equals:
            case LabelSelectorOperator.DoubleEquals:
            case LabelSelectorOperator.In:
                return has && Values.Contains(value!, StringComparer.Ordinal);
            case LabelSelectorOperator.NotEquals:
            case LabelSelectorOperator.NotIn:
                return !has || !Values.Contains(value!, StringComparer.Ordinal);
            case LabelSelectorOperator.Exists:
                return has;
            case LabelSelectorOperator.DoesNotExist:
                return !has;
            case LabelSelectorOperator.GreaterThan:
            case LabelSelectorOperator.LessThan:
                if (!has || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual))
                {
                    return false;
                }

                var bound = long.Parse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                return Operator == LabelSelectorOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    public override string ToString() => Operator switch
    {
        LabelSelectorOperator.Exists => Key,
        LabelSelectorOperator.DoesNotExist => "!" + Key,
        LabelSelectorOperator.Equals => Key + "=" + Values[0],
        LabelSelectorOperator.DoubleEquals => Key + "==" + Values[0],
        LabelSelectorOperator.NotEquals => Key + "!=" + Values[0],
        LabelSelectorOperator.GreaterThan => Key + ">" + Values[0],
        LabelSelectorOperator.LessThan => Key + "<" + Values[0],
        LabelSelectorOperator.In => Key + " in (" + string.Join(",", Values) + ")",
        LabelSelectorOperator.NotIn => Key + " notin (" + string.Join(",", Values) + ")",
        _ => Key,
    };
}
