using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KubeStash.LocalCluster.Semantics;

namespace KubeStash.Tests.LocalCluster.Semantics;

public sealed class StructuralSchemaTests
{
    // Shaped like a CRD's openAPIV3Schema as it arrives from the wire (loosely typed items/defaults/enums).
    private const string BackupSchema = """
        {"type":"object","properties":{
          "apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},
          "spec":{"type":"object","required":["provider"],"properties":{
            "provider":{"type":"string","enum":["s3","gcs"]},
            "replicas":{"type":"integer","minimum":1,"maximum":10,"default":1},
            "ratio":{"type":"number","exclusiveMinimum":true,"minimum":0},
            "name":{"type":"string","pattern":"^[a-z][a-z0-9-]*$","minLength":2,"maxLength":8},
            "schedule":{"type":"string","format":"date-time"},
            "count":{"type":"integer","format":"int32"},
            "port":{"x-kubernetes-int-or-string":true},
            "note":{"type":"string","nullable":true},
            "paused":{"type":"boolean","default":false},
            "retention":{"type":"object","default":{},"properties":{
               "keep":{"type":"integer","default":7},
               "mode":{"type":"string","default":"count"}}},
            "targets":{"type":"array","maxItems":3,"minItems":1,"items":{"type":"object","required":["name"],"properties":{
               "name":{"type":"string"},"weight":{"type":"integer","default":5}}}},
            "tags":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
            "rules":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"items":{"type":"object","properties":{
               "name":{"type":"string"},"value":{"type":"string"}}}},
            "labels":{"type":"object","additionalProperties":{"type":"object","properties":{"v":{"type":"string","default":"x"}}}},
            "extra":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"known":{"type":"object","properties":{"a":{"type":"string"}}}}},
            "template":{"type":"object","x-kubernetes-embedded-resource":true,"properties":{"spec":{"type":"object","properties":{"x":{"type":"string"}}}}},
            "choice":{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"oneOf":[{"required":["a"]},{"required":["b"]}]},
            "either":{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"anyOf":[{"required":["a"]},{"required":["b"]}]},
            "never":{"type":"string","not":{"enum":["forbidden"]}},
            "small":{"type":"object","maxProperties":1,"additionalProperties":{"type":"string"}}
          }},
          "status":{"type":"object","properties":{"phase":{"type":"string"}}}}}
        """;

    private static StructuralSchema Schema() => new(KubernetesJson.Deserialize<V1JSONSchemaProps>(BackupSchema));

    private static (JsonObject Object, SchemaAdmissionResult Result) Admit(string spec, string? extraRoot = null)
    {
        var obj = JsonNode.Parse($$"""{"apiVersion":"example.com/v1","kind":"Backup","metadata":{"name":"b","unknownMeta":1},"spec":{{spec}}{{extraRoot ?? string.Empty}}}""")!.AsObject();
        return (obj, Schema().Admit(obj));
    }

    private static string[] Errors(SchemaAdmissionResult result) => result.Errors.Select(e => e.ToString()).ToArray();

    [Test]
    public void A_valid_object_is_admitted_with_defaults()
    {
        var (obj, result) = Admit("""{"provider":"s3","targets":[{"name":"t1"},{"name":"t2","weight":9}],"labels":{"a":{}}}""");
        result.IsValid.Should().BeTrue(string.Join("\n", Errors(result)));
        result.PrunedFields.Should().BeEmpty();
        obj["spec"]!["replicas"]!.GetValue<int>().Should().Be(1);
        obj["spec"]!["paused"]!.GetValue<bool>().Should().BeFalse();
        obj["spec"]!["retention"]!.ToJsonString().Should().Be("""{"keep":7,"mode":"count"}""");
        obj["spec"]!["targets"]!.ToJsonString().Should().Be("""[{"name":"t1","weight":5},{"name":"t2","weight":9}]""");
        obj["spec"]!["labels"]!.ToJsonString().Should().Be("""{"a":{"v":"x"}}""");
        obj["metadata"]!.ToJsonString().Should().Be("""{"name":"b","unknownMeta":1}""");
    }

    [Test]
    public void Present_values_are_not_defaulted_but_non_nullable_nulls_are()
    {
        var (obj, result) = Admit("""{"provider":"s3","replicas":3,"paused":null,"retention":{"keep":1}}""");
        result.IsValid.Should().BeTrue(string.Join("\n", Errors(result)));
        obj["spec"]!["replicas"]!.GetValue<int>().Should().Be(3);
        obj["spec"]!["paused"]!.GetValue<bool>().Should().BeFalse();
        obj["spec"]!["retention"]!.ToJsonString().Should().Be("""{"keep":1,"mode":"count"}""");
    }

    [Test]
    public void Non_nullable_nulls_without_default_are_dropped_and_nullable_ones_kept()
    {
        var (obj, result) = Admit("""{"provider":"s3","name":null,"note":null}""");
        result.IsValid.Should().BeTrue(string.Join("\n", Errors(result)));
        obj["spec"]!.AsObject().ContainsKey("name").Should().BeFalse();
        obj["spec"]!.AsObject().ContainsKey("note").Should().BeTrue();
        result.PrunedFields.Should().BeEmpty();
    }

    [Test]
    public void Unknown_fields_are_pruned_and_reported_with_kubes_paths()
    {
        var (obj, result) = Admit(
            """{"provider":"s3","foo":1,"targets":[{"name":"t","bad":{"x":1}}],"extra":{"anything":{"goes":1},"known":{"a":"1","b":"2"}},"template":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"x":"1","y":"2"},"other":1}}""",
            ""","status":{"phase":"Ready","gone":true},"topLevel":"x" """);
        result.PrunedFields.Should().BeEquivalentTo(
            "spec.foo", "spec.targets[0].bad", "spec.extra.known.b", "spec.template.spec.y", "spec.template.other", "status.gone", "topLevel");
        obj["spec"]!["extra"]!.ToJsonString().Should().Be("""{"anything":{"goes":1},"known":{"a":"1"}}""");
        obj["spec"]!["template"]!.ToJsonString().Should().Be("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"x":"1"}}""");
        obj.ContainsKey("apiVersion").Should().BeTrue();
        obj.ContainsKey("topLevel").Should().BeFalse();
        result.IsValid.Should().BeTrue(string.Join("\n", Errors(result)));
    }

    [Test]
    public void Type_errors_read_like_kubes()
    {
        var (_, result) = Admit("""{"provider":"s3","replicas":"string","paused":"yes","targets":[{"name":5}],"retention":[]}""");
        Errors(result).Should().BeEquivalentTo(
            "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"",
            "spec.paused: Invalid value: \"string\": spec.paused in body must be of type boolean: \"string\"",
            "spec.targets[0].name: Invalid value: \"integer\": spec.targets[0].name in body must be of type string: \"integer\"",
            "spec.retention: Invalid value: \"array\": spec.retention in body must be of type object: \"array\"");
        result.Errors.Should().AllSatisfy(e => e.Reason.Should().Be("FieldValueTypeInvalid"));
    }

    [Test]
    public void Integers_accept_integral_floats_and_numbers_accept_integers()
    {
        Admit("""{"provider":"s3","replicas":2.0,"ratio":3}""").Result.IsValid.Should().BeTrue();
        Errors(Admit("""{"provider":"s3","replicas":2.5}""").Result).Should().Equal(
            "spec.replicas: Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\"");
    }

    [Test]
    public void Required_and_enum()
    {
        var (_, missing) = Admit("""{"targets":[{"weight":1}]}""");
        Errors(missing).Should().BeEquivalentTo("spec.provider: Required value", "spec.targets[0].name: Required value");
        missing.Errors.Should().AllSatisfy(e => e.Reason.Should().Be("FieldValueRequired"));

        var (_, unsupported) = Admit("""{"provider":"x"}""");
        unsupported.Errors.Should().ContainSingle().Which.Should().Be(
            new FieldError("FieldValueNotSupported", "spec.provider", "Unsupported value: \"x\": supported values: \"s3\", \"gcs\""));
    }

    [Test]
    public void Numeric_bounds()
    {
        Errors(Admit("""{"provider":"s3","replicas":0,"ratio":0}""").Result).Should().BeEquivalentTo(
            "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1",
            "spec.ratio: Invalid value: 0: spec.ratio in body should be greater than 0");
        Errors(Admit("""{"provider":"s3","replicas":11}""").Result).Should().Equal(
            "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10");
    }

    [Test]
    public void String_constraints()
    {
        Errors(Admit("""{"provider":"s3","name":"Bad_Name_X"}""").Result).Should().BeEquivalentTo(
            "spec.name: Invalid value: \"Bad_Name_X\": spec.name in body should match '^[a-z][a-z0-9-]*$'",
            "spec.name: Too long: may not be more than 8 bytes");
        Errors(Admit("""{"provider":"s3","name":"a"}""").Result).Should().Equal(
            "spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long");
        Admit("""{"provider":"s3","name":"ok-1"}""").Result.IsValid.Should().BeTrue();
    }

    [Test]
    public void Formats_are_checked_as_kube_checks_them()
    {
        Admit("""{"provider":"s3","schedule":"2024-01-02T03:04:05Z","count":99999999999}""").Result.IsValid.Should().BeTrue();
        Admit("""{"provider":"s3","schedule":"2024-01-02T03:04:05.123+02:00"}""").Result.IsValid.Should().BeTrue();
        var bad = Admit("""{"provider":"s3","schedule":"yesterday"}""").Result;
        bad.Errors.Should().ContainSingle().Which.Should().Be(new FieldError(
            "FieldValueTypeInvalid", "spec.schedule", "Invalid value: \"yesterday\": spec.schedule in body must be of type date-time: \"yesterday\""));
    }

    [TestCase("8080", true)]
    [TestCase("\"http\"", true)]
    [TestCase("true", false)]
    public void Int_or_string(string value, bool valid)
    {
        var result = Admit($$"""{"provider":"s3","port":{{value}}}""").Result;
        result.IsValid.Should().Be(valid);
        if (!valid)
        {
            Errors(result).Should().Equal("spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"");
        }
    }

    [Test]
    public void Null_in_a_non_nullable_list_item_is_a_type_error()
    {
        Errors(Admit("""{"provider":"s3","tags":["a",null]}""").Result).Should().Equal(
            "spec.tags[1]: Invalid value: \"null\": spec.tags[1] in body must be of type string: \"null\"");
    }

    [Test]
    public void Item_counts()
    {
        Errors(Admit("""{"provider":"s3","targets":[]}""").Result).Should().Equal(
            "spec.targets: Invalid value: []interface {}{}: spec.targets in body should have at least 1 items");
        var tooMany = Admit("""{"provider":"s3","targets":[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"d"}]}""").Result;
        tooMany.Errors.Should().ContainSingle().Which.Should().Be(new FieldError("FieldValueTooMany", "spec.targets", "Too many: 4: must have at most 3 items"));
        Errors(Admit("""{"provider":"s3","small":{"a":"1","b":"2"}}""").Result).Should().Equal("spec.small: Too many: 2: must have at most 1 item");
    }

    [Test]
    public void List_types_reject_duplicates()
    {
        var result = Admit("""{"provider":"s3","tags":["a","b","a"],"rules":[{"name":"x","value":"1"},{"name":"y"},{"name":"x","value":"2"}]}""").Result;
        result.Errors.Should().BeEquivalentTo(new[]
        {
            new FieldError("FieldValueDuplicate", "spec.tags[2]", "Duplicate value: \"a\""),
            new FieldError("FieldValueDuplicate", "spec.rules[2]", "Duplicate value: map[string]interface {}{\"name\":\"x\"}"),
        });
    }

    [Test]
    public void Embedded_resources_need_api_version_and_kind()
    {
        Errors(Admit("""{"provider":"s3","template":{"metadata":{"name":"x"}}}""").Result).Should().BeEquivalentTo(
            "spec.template.apiVersion: Required value: must not be empty",
            "spec.template.kind: Required value: must not be empty");
        Errors(Admit("""{"provider":"s3","template":{"apiVersion":"a/b/c","kind":""}}""").Result).Should().BeEquivalentTo(
            "spec.template.apiVersion: Invalid value: \"a/b/c\": unexpected GroupVersion string: a/b/c",
            "spec.template.kind: Invalid value: \"\": must not be empty");
    }

    [Test]
    public void Combinators()
    {
        Admit("""{"provider":"s3","choice":{"a":"1"},"either":{"b":"1"},"never":"fine"}""").Result.IsValid.Should().BeTrue();
        Errors(Admit("""{"provider":"s3","choice":{"a":"1","b":"2"}}""").Result).Should().Equal(
            "spec.choice: Invalid value: \"\": spec.choice must validate one and only one schema (oneOf). Found 2 valid alternatives");
        Errors(Admit("""{"provider":"s3","either":{}}""").Result).Should().Equal(
            "spec.either.a: Required value",
            "spec.either.b: Required value",
            "spec.either: Invalid value: \"\": spec.either must validate at least one schema (anyOf)");
        Errors(Admit("""{"provider":"s3","never":"forbidden"}""").Result).Should().Equal(
            "spec.never: Invalid value: \"\": spec.never must not validate the schema (not)");
    }

    [Test]
    public void Schemas_built_in_code_work_too()
    {
        var schema = new StructuralSchema(new V1JSONSchemaProps
        {
            Type = "object",
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["spec"] = new()
                {
                    Type = "object",
                    Properties = new Dictionary<string, V1JSONSchemaProps>
                    {
                        ["mode"] = new() { Type = "string", EnumProperty = ["a", "b"], DefaultProperty = "a" },
                        ["items"] = new() { Type = "array", Items = new V1JSONSchemaProps { Type = "integer", Maximum = 1000000 } },
                    },
                },
            },
        });
        var obj = JsonNode.Parse("""{"spec":{"items":[1,2000000]}}""")!.AsObject();
        var result = schema.Admit(obj);
        obj["spec"]!["mode"]!.GetValue<string>().Should().Be("a");
        Errors(result).Should().Equal("spec.items[1]: Invalid value: 2000000: spec.items[1] in body should be less than or equal to 1e+06");
    }

    [Test]
    public void Metadata_name_constraints_of_the_schema_apply()
    {
        var schema = new StructuralSchema(KubernetesJson.Deserialize<V1JSONSchemaProps>("""
            {"type":"object","properties":{"metadata":{"type":"object","properties":{"name":{"type":"string","maxLength":5,"pattern":"^[a-z]+$"}}},"spec":{"type":"object"}}}
            """));
        Errors(schema.Admit(JsonNode.Parse("""{"metadata":{"name":"ok","labels":{"a":"b"}}}""")!.AsObject())).Should().BeEmpty();
        Errors(schema.Admit(JsonNode.Parse("""{"metadata":{"name":"Too-Long"}}""")!.AsObject())).Should().BeEquivalentTo(
            "metadata.name: Too long: may not be more than 5 bytes",
            "metadata.name: Invalid value: \"Too-Long\": metadata.name in body should match '^[a-z]+$'");
    }

    [Test]
    public void Admitting_twice_gives_the_same_result()
    {
        var schema = Schema();
        var obj = JsonNode.Parse("""{"spec":{"provider":"s3","foo":1}}""")!.AsObject();
        schema.Admit(obj).PrunedFields.Should().Equal("spec.foo");
        var again = schema.Admit(obj);
        again.PrunedFields.Should().BeEmpty();
        again.IsValid.Should().BeTrue();
    }
}
