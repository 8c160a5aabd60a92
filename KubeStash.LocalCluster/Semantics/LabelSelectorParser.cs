using System.Globalization;
using System.Text;

namespace KubeStash.LocalCluster.Semantics;

/// <summary>
/// Kube's label selector grammar (k8s.io/apimachinery/pkg/labels): a lexer with two modes (in key/operator position
/// <c>in</c> and <c>notin</c> are keywords, in value position they are plain identifiers) and a recursive-descent
/// parser whose error texts follow kube's.
/// </summary>
internal sealed class LabelSelectorParser(string text)
{
    private readonly List<Token> tokens = Lex(text);
    private int position;

    private enum TokenKind
    {
        EndOfString,
        Identifier,
        In,
        NotIn,
        OpenParen,
        CloseParen,
        Comma,
        DoesNotExist,
        Equals,
        DoubleEquals,
        NotEquals,
        GreaterThan,
        LessThan,
    }

    private readonly record struct Token(TokenKind Kind, string Literal);

    public List<LabelRequirement> ParseAll()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var next = Peek(valuesMode: false);
            switch (next.Kind)
            {
                case TokenKind.Identifier:
                case TokenKind.DoesNotExist:
                    requirements.Add(ParseRequirement());
                    var after = Consume(valuesMode: false);
                    switch (after.Kind)
                    {
                        case TokenKind.EndOfString:
                            return requirements;
                        case TokenKind.Comma:
                            var lookahead = Peek(valuesMode: true);
                            if (lookahead.Kind is not TokenKind.Identifier and not TokenKind.DoesNotExist)
                            {
                                throw new FormatException($"found '{lookahead.Literal}', expected: identifier after ','");
                            }

                            break;
                        default:
                            throw new FormatException($"found '{after.Literal}', expected: ',' or 'end of string'");
                    }

                    break;
                case TokenKind.EndOfString:
                    return requirements;
                default:
                    throw new FormatException($"found '{next.Literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var (key, inferred) = ParseKeyAndInferOperator();
        if (inferred is { } existence)
        {
            return Build(key, existence, []);
        }

        var op = ParseOperator();
        IReadOnlyList<string> values = op is LabelSelectorOperator.In or LabelSelectorOperator.NotIn
            ? ParseValues()
            : ParseExactValue();
        return Build(key, op, values);
    }

    private (string Key, LabelSelectorOperator? Op) ParseKeyAndInferOperator()
    {
        LabelSelectorOperator? op = null;
        var token = Consume(valuesMode: true);
        if (token.Kind == TokenKind.DoesNotExist)
        {
            op = LabelSelectorOperator.DoesNotExist;
            token = Consume(valuesMode: true);
        }

        if (token.Kind != TokenKind.Identifier)
        {
            throw Error($"found '{token.Literal}', expected: identifier");
        }

        ValidateKey(token.Literal);
        var next = Peek(valuesMode: true);
        if (next.Kind is TokenKind.EndOfString or TokenKind.Comma)
        {
            op ??= LabelSelectorOperator.Exists;
        }

        // "!key" is a whole requirement even when more follows; the caller then reports what it cannot use.
        return (token.Literal, op);
    }

    private LabelSelectorOperator ParseOperator()
    {
        var token = Consume(valuesMode: false);
        return token.Kind switch
        {
            TokenKind.In => LabelSelectorOperator.In,
            TokenKind.NotIn => LabelSelectorOperator.NotIn,
            TokenKind.Equals => LabelSelectorOperator.Equals,
            TokenKind.DoubleEquals => LabelSelectorOperator.DoubleEquals,
            TokenKind.NotEquals => LabelSelectorOperator.NotEquals,
            TokenKind.GreaterThan => LabelSelectorOperator.GreaterThan,
            TokenKind.LessThan => LabelSelectorOperator.LessThan,
            _ => throw Error($"found '{token.Literal}', expected: in, notin, =, ==, !=, gt, lt"),
        };
    }

    private List<string> ParseValues()
    {
        var open = Consume(valuesMode: true);
        if (open.Kind != TokenKind.OpenParen)
        {
            throw Error($"found '{open.Literal}' expected: '('");
        }

        var next = Peek(valuesMode: true);
        switch (next.Kind)
        {
            case TokenKind.Identifier:
            case TokenKind.Comma:
                var values = ParseIdentifiersList();
                var close = Consume(valuesMode: true);
                if (close.Kind != TokenKind.CloseParen)
                {
                    throw Error($"found '{close.Literal}', expected: ')'");
                }

                return values;
            case TokenKind.CloseParen:
                // kube reads "()" as the set holding the empty value.
                Consume(valuesMode: true);
                return [string.Empty];
            default:
                throw Error($"found '{next.Literal}', expected: ',', ')' or identifier");
        }
    }

    private List<string> ParseIdentifiersList()
    {
        var values = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; ; i++)
        {
            var token = Consume(valuesMode: true);
            switch (token.Kind)
            {
                case TokenKind.Identifier:
                    values.Add(token.Literal);
                    var after = Peek(valuesMode: true);
                    if (after.Kind == TokenKind.Comma)
                    {
                        continue;
                    }

                    if (after.Kind == TokenKind.CloseParen)
                    {
                        return [.. values];
                    }

                    throw Error($"found '{after.Literal}', expected: ',', or ')'");
                case TokenKind.Comma:
                    // An empty slot between commas (or at either end) stands for the empty value.
                    if (i == 0)
                    {
                        values.Add(string.Empty);
                    }

                    var following = Peek(valuesMode: true);
                    if (following.Kind is TokenKind.CloseParen or TokenKind.Comma)
                    {
                        values.Add(string.Empty);
                    }

                    if (following.Kind == TokenKind.CloseParen)
                    {
                        return [.. values];
                    }

                    break;
                default:
                    throw Error($"found '{token.Literal}', expected: ',', or identifier");
            }
        }
    }

    private List<string> ParseExactValue()
    {
        var next = Peek(valuesMode: true);
        if (next.Kind is TokenKind.EndOfString or TokenKind.Comma)
        {
            return [string.Empty];
        }

        var token = Consume(valuesMode: true);
        if (token.Kind == TokenKind.Identifier)
        {
            return [token.Literal];
        }

        throw Error($"found '{token.Literal}', expected: identifier");
    }

    private static void ValidateKey(string key)
    {
        var keyErrors = KubeNameValidation.QualifiedNameErrors(key);
        if (keyErrors.Count > 0)
        {
            throw Error($"key: Invalid value: {Quote(key)}: {string.Join("; ", keyErrors)}");
        }
    }

    /// <summary>kube's NewRequirement: validates the key and values for the operator.</summary>
    internal static LabelRequirement Build(string key, LabelSelectorOperator op, IReadOnlyList<string> values, string errorPrefix = "unable to parse requirement: ")
    {
        var errors = new List<string>();
        var keyErrors = KubeNameValidation.QualifiedNameErrors(key);
        if (keyErrors.Count > 0)
        {
            errors.Add($"key: Invalid value: {Quote(key)}: {string.Join("; ", keyErrors)}");
        }

        if (op is LabelSelectorOperator.In or LabelSelectorOperator.NotIn && values.Count == 0)
        {
            errors.Add("values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (op is LabelSelectorOperator.GreaterThan or LabelSelectorOperator.LessThan
                && !long.TryParse(values[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                errors.Add($"values[{i}]: Invalid value: {Quote(values[i])}: for 'Gt', 'Lt' operators, the value must be an integer");
            }

            var valueErrors = KubeNameValidation.LabelValueErrors(values[i]);
            if (valueErrors.Count > 0)
            {
                errors.Add($"values[{i}][{key}]: Invalid value: {Quote(values[i])}: {string.Join("; ", valueErrors)}");
            }
        }

        if (errors.Count > 0)
        {
            var joined = errors.Count == 1 ? errors[0] : "[" + string.Join(", ", errors) + "]";
            throw new FormatException(errorPrefix + joined);
        }

        return new LabelRequirement(key, op, values);
    }

    private static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static FormatException Error(string message) => new("unable to parse requirement: " + message);

    private Token Peek(bool valuesMode) => Translate(tokens[position], valuesMode);

    private Token Consume(bool valuesMode)
    {
        var token = Translate(tokens[position], valuesMode);
        if (position < tokens.Count - 1)
        {
            position++;
        }

        return token;
    }

    private static Token Translate(Token token, bool valuesMode) =>
        valuesMode && token.Kind is TokenKind.In or TokenKind.NotIn ? new Token(TokenKind.Identifier, token.Literal) : token;

    private static bool IsSpecial(char c) => c is '!' or '=' or '(' or ')' or ',' or '>' or '<';

    private static List<Token> Lex(string text)
    {
        var result = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                result.Add(new Token(TokenKind.EndOfString, string.Empty));
                return result;
            }

            var c = text[i];
            if (IsSpecial(c))
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : null;
                if (two == "!=")
                {
                    result.Add(new Token(TokenKind.NotEquals, two));
                    i += 2;
                    continue;
                }

                if (two == "==")
                {
                    result.Add(new Token(TokenKind.DoubleEquals, two));
                    i += 2;
                    continue;
                }

                result.Add(new Token(
                    c switch
                    {
                        '!' => TokenKind.DoesNotExist,
                        '=' => TokenKind.Equals,
                        '(' => TokenKind.OpenParen,
                        ')' => TokenKind.CloseParen,
                        ',' => TokenKind.Comma,
                        '>' => TokenKind.GreaterThan,
                        _ => TokenKind.LessThan,
                    },
                    c.ToString()));
                i++;
                continue;
            }

            var builder = new StringBuilder();
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !IsSpecial(text[i]))
            {
                builder.Append(text[i]);
                i++;
            }

            var literal = builder.ToString();
            result.Add(new Token(
                literal switch
                {
                    "in" => TokenKind.In,
                    "notin" => TokenKind.NotIn,
                    _ => TokenKind.Identifier,
                },
                literal));
        }
    }
}
