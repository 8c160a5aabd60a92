using KubeStash.Entities.Core;
using KubeStash.Entities.Serialization;
using KubeStash.Entities.Storage;

namespace KubeStash.Tests.Entities;

/// <summary>Reading manifests: dispatch by kind, YAML 1.2 typing, and errors that name the document and the field.</summary>
public sealed class SerializerTests
{
    private const string Storage = """
        apiVersion: storage.kubestash.com/v1alpha1
        kind: BackupStorage
        metadata:
          name: s3-storage
          namespace: demo
        spec:
          storage:
            provider: s3
            s3:
              bucket: b
              secretName: s3-secret
          default: true
          deletionPolicy: WipeOut
        """;

    private readonly EntitySerializer serializer = new();

    [Test]
    public void Multi_document_streams_yield_each_kind_as_its_class()
    {
        var objects = serializer.Parse(Storage + "\n---\n# only a comment\n---\n" + BackupConfiguration("three").Replace("\"three\"", "3", StringComparison.Ordinal));

        objects.Should().HaveCount(2);
        var storage = objects[0].Should().BeOfType<BackupStorage>().Subject;
        storage.Spec.Storage!.Provider.Should().Be(StorageProvider.S3);
        storage.Spec.DeletionPolicy.Should().Be(KubeStash.Entities.Common.DeletionPolicy.WipeOut);
        storage.Spec.Default.Should().BeTrue();
        objects[1].Should().BeOfType<BackupConfiguration>().Which.Spec.Sessions![0].SessionHistoryLimit.Should().Be(3);
    }

    [Test]
    public void Json_input_and_kubectl_style_lists_are_read()
    {
        var json = serializer.ToJson(serializer.ParseSingle<BackupStorage>(Storage));
        var list = $$"""{"apiVersion":"v1","kind":"List","items":[{{json}},{{json}}]}""";

        serializer.Parse(json).Single().Should().BeOfType<BackupStorage>();
        serializer.Parse(list).Should().HaveCount(2).And.AllBeOfType<BackupStorage>();
    }

    [Test]
    public void A_wrong_type_names_object_document_and_field()
    {
        var act = () => serializer.Parse(Storage + "\n---\n" + BackupConfiguration("three"));

        act.Should().Throw<ManifestException>()
            .WithMessage("BackupConfiguration \"sample\" (document 2): spec.sessions[0].sessionHistoryLimit: expected an integer, got \"three\"*")
            .Which.Should().BeEquivalentTo(new
            {
                DocumentNumber = 2,
                Kind = "BackupConfiguration",
                ObjectName = "sample",
                FieldPath = "spec.sessions[0].sessionHistoryLimit",
                Position = new SourcePosition(29, 26),
            });
    }

    [Test]
    public void An_unknown_enum_value_lists_the_allowed_values()
    {
        var act = () => serializer.Parse(Storage.Replace("deletionPolicy: WipeOut", "deletionPolicy: Purge", StringComparison.Ordinal));

        act.Should().Throw<ManifestException>()
            .WithMessage("BackupStorage \"s3-storage\" (document 1): spec.deletionPolicy: expected one of Delete, WipeOut, got \"Purge\"*");
    }

    [Test]
    public void Enum_wire_names_that_differ_from_member_names_are_listed_as_written()
    {
        var act = () => serializer.Parse(Storage.Replace("provider: s3", "provider: S3", StringComparison.Ordinal));

        act.Should().Throw<ManifestException>().WithMessage("*spec.storage.provider: expected one of local, s3, gcs, azure, got \"S3\"*");
    }

    [Test]
    public void Malformed_yaml_names_document_line_and_column()
    {
        const string broken = "apiVersion: storage.kubestash.com/v1alpha1\nkind: BackupStorage\nmetadata:\n  name: x\n spec: [\n";
        var act = () => serializer.Parse(Storage + "\n---\n" + broken);

        var error = act.Should().Throw<ManifestException>().Which;
        error.DocumentNumber.Should().Be(2);
        error.Position.Should().NotBeNull();
        error.Message.Should().MatchRegex(@"^document 2: line \d+, column \d+: .+");
    }

    [Test]
    public void A_duplicate_key_is_an_error_with_its_position()
    {
        var act = () => serializer.Parse("apiVersion: v1\nkind: X\nkind: Y\n");

        act.Should().Throw<ManifestException>().WithMessage("document 1: line 3, column 1: duplicate key \"kind\"");
    }

    [Test]
    public void An_unknown_kind_or_api_version_is_named()
    {
        var act = () => serializer.Parse(Storage.Replace("v1alpha1", "v1beta9", StringComparison.Ordinal));

        act.Should().Throw<ManifestException>()
            .WithMessage("BackupStorage \"s3-storage\" (document 1): unknown apiVersion/kind \"storage.kubestash.com/v1beta9\" BackupStorage; known: *");
    }

    [Test]
    public void A_field_the_schema_does_not_know_is_rejected_rather_than_dropped()
    {
        var act = () => serializer.Parse(Storage.Replace("bucket: b", "bucket: b\n      bukcet: typo", StringComparison.Ordinal));

        act.Should().Throw<ManifestException>().WithMessage("BackupStorage \"s3-storage\" (document 1): spec.storage.s3.bukcet: unknown field*");
    }

    [Test]
    public void Unquoted_true_is_a_boolean_and_quoted_true_a_string()
    {
        var wrongType = () => serializer.Parse(Storage.Replace("bucket: b", "bucket: true", StringComparison.Ordinal));
        wrongType.Should().Throw<ManifestException>().WithMessage("*spec.storage.s3.bucket: expected a string, got true*");

        var quoted = serializer.ParseSingle<BackupStorage>(Storage.Replace("bucket: b", "bucket: \"true\"", StringComparison.Ordinal));
        quoted.Spec.Storage!.S3!.Bucket.Should().Be("true");
    }

    [Test]
    public void Free_form_params_keep_yaml_12_scalar_types()
    {
        var yaml = BackupConfiguration("1").Replace("sessionHistoryLimit: \"1\"", "sessionHistoryLimit: 1", StringComparison.Ordinal) + """

                addon:
                  name: kubedump-addon
                  tasks:
                  - name: manifest-backup
                    params:
                      quoted: "true"
                      plain: true
                      yes11: yes
                      number: 042
                      hex: 0x1F
                      float: 1.50
                      nothing: ~
                      text: hello
            """;

        var config = serializer.ParseSingle<BackupConfiguration>(yaml);
        var parameters = config.Spec.Sessions![0].Addon!.Tasks![0].Params!;

        parameters.ToJsonString().Should().Be("""{"quoted":"true","plain":true,"yes11":"yes","number":42,"hex":31,"float":1.50,"nothing":null,"text":"hello"}""");
    }

    [Test]
    public void Written_yaml_quotes_strings_that_would_read_back_as_other_types()
    {
        var storage = serializer.ParseSingle<BackupStorage>(Storage);
        storage.Metadata.Labels = new Dictionary<string, string> { ["a"] = "true", ["b"] = "0123", ["c"] = "yes", ["d"] = "", ["e"] = "null", ["f"] = "1e3", ["g"] = "plain" };

        var yaml = serializer.ToYaml(storage);

        yaml.Should().Contain("a: \"true\"").And.Contain("b: \"0123\"").And.Contain("c: \"yes\"").And.Contain("d: \"\"")
            .And.Contain("e: \"null\"").And.Contain("f: \"1e3\"").And.Contain("g: plain");
        serializer.ParseSingle<BackupStorage>(yaml).Metadata.Labels.Should().BeEquivalentTo(storage.Metadata.Labels);
    }

    [Test]
    public void Objects_are_written_in_the_conventional_top_level_order_with_timestamps_quoted()
    {
        var snapshot = serializer.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.SamplesDirectory, "storage_v1alpha1_snapshot.yaml"))).Single();

        serializer.ToJsonNode(snapshot).Select(p => p.Key).Should().Equal("apiVersion", "kind", "metadata", "spec", "status");
        serializer.ToYaml(snapshot).Should().Contain("snapshotTime: \"2023-11-14T22:13:20Z\"");
    }

    [TestCase("    resources:\n      limits:\n        cpu: abc\n", "spec.runtimeSettings.resources.limits.cpu: expected a quantity (e.g. 500m, 256Mi), got \"abc\" (line 10, column 14)")]
    [TestCase("    resources:\n      limits:\n        cpu: {a: 1}\n", "spec.runtimeSettings.resources.limits.cpu: expected a quantity (e.g. 500m, 256Mi), got a mapping (line 10, column 14)")]
    [TestCase("    livenessProbe:\n      httpGet:\n        port: [80]\n", "spec.runtimeSettings.livenessProbe.httpGet.port: expected an integer or a string, got a list (line 10, column 15)")]
    [TestCase("    livenessProbe:\n      httpGet:\n        port: 80.5\n", "spec.runtimeSettings.livenessProbe.httpGet.port: expected an integer or a string, got 80.5 (line 10, column 15)")]
    public void Malformed_quantities_and_int_or_strings_name_the_field(string runtimeSettings, string expected)
    {
        var yaml = "apiVersion: addons.kubestash.com/v1alpha1\nkind: Function\nmetadata:\n  name: f\nspec:\n  image: x\n  runtimeSettings:\n" + runtimeSettings;

        var act = () => serializer.Parse(yaml);

        act.Should().Throw<ManifestException>().WithMessage("Function \"f\" (document 1): " + expected);
    }

    [Test]
    public void Int_or_string_values_keep_their_type()
    {
        const string yaml = """
            apiVersion: addons.kubestash.com/v1alpha1
            kind: Function
            metadata:
              name: f
            spec:
              runtimeSettings:
                livenessProbe:
                  httpGet:
                    port: http
                readinessProbe:
                  tcpSocket:
                    port: 8080
            """;

        var written = serializer.ToJsonNode(serializer.ParseSingle<KubeStash.Entities.Addons.Function>(yaml));

        written["spec"]!["runtimeSettings"]!["livenessProbe"]!["httpGet"]!["port"]!.ToJsonString().Should().Be("\"http\"");
        written["spec"]!["runtimeSettings"]!["readinessProbe"]!["tcpSocket"]!["port"]!.ToJsonString().Should().Be("8080");
    }

    [Test]
    public void Timestamps_keep_their_rfc3339_text()
    {
        const string yaml = """
            apiVersion: storage.kubestash.com/v1alpha1
            kind: Snapshot
            metadata:
              name: s
              creationTimestamp: "2023-12-14T08:40:01Z"
            spec: {}
            status:
              snapshotTime: "2023-12-14T08:40:10Z"
              lastUpdateTime: "2023-12-14T08:40:10.5Z"
            """;

        var snapshot = serializer.ParseSingle<Snapshot>(yaml);

        snapshot.Status.SnapshotTime.Should().Be(new DateTime(2023, 12, 14, 8, 40, 10, DateTimeKind.Utc));
        var written = serializer.ToJsonNode(snapshot);
        written["status"]!["snapshotTime"]!.GetValue<string>().Should().Be("2023-12-14T08:40:10Z");
        written["status"]!["lastUpdateTime"]!.GetValue<string>().Should().Be("2023-12-14T08:40:10.5Z");
        written["metadata"]!["creationTimestamp"]!.GetValue<string>().Should().Be("2023-12-14T08:40:01Z");
    }

    [Test]
    public void A_bad_timestamp_names_the_field()
    {
        var act = () => serializer.Parse("apiVersion: storage.kubestash.com/v1alpha1\nkind: Snapshot\nmetadata:\n  name: s\nstatus:\n  snapshotTime: yesterday\n");

        act.Should().Throw<ManifestException>().WithMessage("Snapshot \"s\" (document 1): status.snapshotTime: expected an RFC 3339 timestamp, got \"yesterday\"*");
    }

    [Test]
    public void Quantities_are_written_in_canonical_form_as_the_api_server_does()
    {
        var yaml = BackupConfiguration("1").Replace("sessionHistoryLimit: \"1\"", "sessionHistoryLimit: 1", StringComparison.Ordinal) + """

                addon:
                  name: kubedump-addon
                  containerRuntimeSettings:
                    resources:
                      limits:
                        memory: 1024Mi
                        cpu: 1000m
            """;

        var written = serializer.ToJsonNode(serializer.ParseSingle<BackupConfiguration>(yaml));

        written["spec"]!["sessions"]![0]!["addon"]!["containerRuntimeSettings"]!["resources"]!["limits"]!.ToJsonString()
            .Should().Be("""{"memory":"1Gi","cpu":"1"}""");
    }

    [Test]
    public void An_empty_status_is_not_written_but_a_populated_one_is()
    {
        var storage = serializer.ParseSingle<BackupStorage>(Storage);
        serializer.ToJsonNode(storage).ContainsKey("status").Should().BeFalse();

        storage.Status.Phase = BackupStoragePhase.Ready;
        serializer.ToJsonNode(storage)["status"]!.ToJsonString().Should().Be("""{"phase":"Ready"}""");
    }

    [Test]
    public void Lenient_mode_drops_unknown_fields_instead_of_failing()
    {
        var lenient = new EntitySerializer(rejectUnknownFields: false);

        var storage = lenient.ParseSingle<BackupStorage>(Storage.Replace("bucket: b", "bucket: b\n      futureField: x", StringComparison.Ordinal));

        lenient.ToJsonNode(storage)["spec"]!["storage"]!["s3"]!.AsObject().ContainsKey("futureField").Should().BeFalse();
    }

    [Test]
    public void Anchors_aliases_and_merge_keys_resolve_as_kubectl_resolves_them()
    {
        const string yaml = """
            apiVersion: core.kubestash.com/v1alpha1
            kind: BackupConfiguration
            metadata:
              name: anchors
              namespace: demo
            spec:
              sessions:
              - &base
                name: frequent
                sessionHistoryLimit: 2
                scheduler:
                  schedule: "*/5 * * * *"
                  jobTemplate: {}
              - <<: *base
                name: daily
              - *base
            """;

        var config = serializer.ParseSingle<BackupConfiguration>(yaml);

        config.Spec.Sessions!.Select(s => (s.Name, s.SessionHistoryLimit, s.Scheduler!.Schedule))
            .Should().Equal(("frequent", 2, "*/5 * * * *"), ("daily", 2, "*/5 * * * *"), ("frequent", 2, "*/5 * * * *"));
    }

    [Test]
    public void A_byte_order_mark_is_ignored()
    {
        serializer.Parse("\uFEFF" + Storage).Single().Should().BeOfType<BackupStorage>();
    }

    [Test]
    public void Duplicate_json_properties_are_an_error()
    {
        var act = () => serializer.Parse("""{"apiVersion":"storage.kubestash.com/v1alpha1","kind":"BackupStorage","kind":"Snapshot"}""");

        act.Should().Throw<ManifestException>().WithMessage("document 1: line 1, column *: malformed JSON: *");
    }

    private static string BackupConfiguration(string historyLimit) => $$"""
        apiVersion: core.kubestash.com/v1alpha1
        kind: BackupConfiguration
        metadata:
          name: sample
          namespace: demo
        spec:
          target:
            kind: Namespace
            name: demo
          sessions:
          - name: frequent-backup
            scheduler:
              schedule: "*/5 * * * *"
              jobTemplate: {}
            sessionHistoryLimit: "{{historyLimit}}"
        """;
}
