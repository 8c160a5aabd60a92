using k8s;
using k8s.Models;
using KubeStash.Operator.Runtime.Generation;
using KubeStash.Tests.Generation.Samples;

namespace KubeStash.Tests.Generation;

[TestFixture]
public sealed class SchemaMappingTests
{
    private V1JSONSchemaProps _root = null!;
    private V1JSONSchemaProps _spec = null!;

    [OneTimeSetUp]
    public void Generate()
    {
        _root = new OpenApiSchemaBuilder(new XmlDocumentation()).ForEntity(typeof(Widget));
        _spec = _root.Properties["spec"];
    }

    private V1JSONSchemaProps Spec(string name) => _spec.Properties[name];

    [Test]
    public void Root_lists_the_envelope_in_declaration_order_with_metadata_left_to_the_server()
    {
        _root.Type.Should().Be("object");
        _root.Description.Should().Be("A test-only namespaced entity with a status subresource that exercises every schema mapping.");
        _root.Properties.Keys.Should().Equal("apiVersion", "kind", "metadata", "spec", "status");
        _root.Properties["metadata"].Should().BeEquivalentTo(new V1JSONSchemaProps { Type = "object" });
        _root.Properties["apiVersion"].Type.Should().Be("string");
        _root.Properties["status"].Properties.Keys.Should().Equal("phase", "conditions");
    }

    [Test]
    public void Spec_properties_keep_declaration_order_and_wire_names()
    {
        _spec.Properties.Keys.Should().Equal(
            "displayName", "replicas", "counter", "ratio", "weight", "enabled", "notBefore", "madeAt", "key", "mode", "labels",
            "portsByName", "tags", "ports", "numbers", "target", "memory", "limits", "params", "anything", "template", "resources",
            "securityContext", "tolerations", "volumes", "tree", "camelCased");
        _spec.Description.Should().Be("The desired state of the object.");
    }

    [Test]
    public void Only_properties_marked_Required_are_required()
    {
        _spec.Required.Should().Equal("displayName");
        Spec("ports").Items.As<V1JSONSchemaProps>().Required.Should().Equal("name");
    }

    [Test]
    public void Scalars_map_to_types_and_formats()
    {
        Spec("displayName").Should().BeEquivalentTo(new { Type = "string", Pattern = "^[a-z]+$", MinLength = 3L, MaxLength = 20L });
        Spec("replicas").Should().BeEquivalentTo(new { Type = "integer", Format = "int32", Minimum = 1.0, Maximum = 10.0 });
        Spec("counter").Should().BeEquivalentTo(new { Type = "integer", Format = "int64" });
        Spec("ratio").Type.Should().Be("number");
        Spec("weight").Type.Should().Be("number");
        Spec("enabled").Type.Should().Be("boolean");
        Spec("notBefore").Should().BeEquivalentTo(new { Type = "string", Format = "date-time" });
        Spec("madeAt").Should().BeEquivalentTo(new { Type = "string", Format = "date-time" });
        Spec("key").Should().BeEquivalentTo(new { Type = "string", Format = "byte" });
        Spec("camelCased").Type.Should().Be("string");
        _spec.Properties.Should().NotContainKey("ignored");
    }

    [Test]
    public void Enums_are_strings_listing_their_wire_values()
    {
        Spec("mode").Type.Should().Be("string");
        Spec("mode").EnumProperty.Should().Equal("Lazy", "always-on");
        Spec("mode").Description.Should().Be("Operating mode.");
    }

    [Test]
    public void Dictionaries_and_lists_describe_their_values()
    {
        Spec("labels").Should().BeEquivalentTo(new V1JSONSchemaProps
        {
            Type = "object",
            AdditionalProperties = new V1JSONSchemaProps { Type = "string" },
            Description = "Free labels.",
        });
        var port = Spec("portsByName").AdditionalProperties.As<V1JSONSchemaProps>();
        port.Type.Should().Be("object");
        port.Properties.Keys.Should().Equal("name", "port");
        port.Description.Should().BeNull("the description belongs to the property, not to the map values");

        Spec("tags").Should().BeEquivalentTo(new { Type = "array", MinItems = 1L, MaxItems = 5L });
        Spec("tags").Items.As<V1JSONSchemaProps>().Type.Should().Be("string");
        Spec("ports").Items.As<V1JSONSchemaProps>().Properties["port"].Format.Should().Be("int32");
        Spec("numbers").Items.As<V1JSONSchemaProps>().Type.Should().Be("integer");
    }

    [Test]
    public void IntOrString_and_quantities_are_int_or_string_nodes_without_type()
    {
        var target = Spec("target");
        target.Type.Should().BeNull();
        target.XKubernetesIntOrString.Should().BeTrue();
        target.AnyOf.Select(b => b.Type).Should().Equal("integer", "string");
        target.Pattern.Should().BeNull();

        var memory = Spec("memory");
        memory.XKubernetesIntOrString.Should().BeTrue();
        memory.Type.Should().BeNull();
        memory.Pattern.Should().StartWith(@"^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))");
        System.Text.RegularExpressions.Regex.IsMatch("512Mi", memory.Pattern).Should().BeTrue();
        System.Text.RegularExpressions.Regex.IsMatch("1.5", memory.Pattern).Should().BeTrue();
        System.Text.RegularExpressions.Regex.IsMatch("12 apples", memory.Pattern).Should().BeFalse();

        Spec("limits").AdditionalProperties.As<V1JSONSchemaProps>().XKubernetesIntOrString.Should().BeTrue();
    }

    [Test]
    public void Free_form_values_preserve_unknown_fields_only_where_declared()
    {
        Spec("params").Should().BeEquivalentTo(new { Type = "object", XKubernetesPreserveUnknownFields = true });
        Spec("anything").Should().BeEquivalentTo(new { Type = "object", XKubernetesPreserveUnknownFields = true });
        Spec("template").XKubernetesPreserveUnknownFields.Should().BeNull();
        Spec("portsByName").XKubernetesPreserveUnknownFields.Should().BeNull();
    }

    [Test]
    public void Embedded_pod_template_gets_full_schema_and_keeps_labels_and_annotations()
    {
        var template = Spec("template");
        var metadata = template.Properties["metadata"];
        metadata.Properties.Keys.Should().BeEquivalentTo("annotations", "finalizers", "labels", "name", "namespace");
        metadata.Properties["labels"].AdditionalProperties.As<V1JSONSchemaProps>().Type.Should().Be("string");
        metadata.Properties["annotations"].AdditionalProperties.As<V1JSONSchemaProps>().Type.Should().Be("string");

        var podSpec = template.Properties["spec"];
        podSpec.Description.Should().BeNull("descriptions inside Kubernetes models are left out by default");
        podSpec.Properties.Should().ContainKeys("containers", "initContainers", "volumes", "tolerations", "securityContext", "affinity", "nodeSelector");
        var container = podSpec.Properties["containers"].Items.As<V1JSONSchemaProps>();
        container.Properties.Should().ContainKeys("name", "image", "args", "env", "resources", "securityContext", "volumeMounts", "ports");
        container.Properties["ports"].Items.As<V1JSONSchemaProps>().Required.Should().Contain("containerPort",
            "KubernetesClient models make optional scalars nullable, so a non-nullable one is required by the API");
        container.Properties["resources"].Properties["limits"].AdditionalProperties.As<V1JSONSchemaProps>().XKubernetesIntOrString.Should().BeTrue();
        container.Properties["livenessProbe"].Properties["httpGet"].Properties["port"].XKubernetesIntOrString.Should().BeTrue();
        container.Properties["securityContext"].Properties["capabilities"].Properties["drop"].Type.Should().Be("array");
        container.Properties["env"].Items.As<V1JSONSchemaProps>().Properties["valueFrom"].Properties.Should().ContainKey("secretKeyRef");
    }

    [Test]
    public void Other_embedded_kubernetes_types_are_complete()
    {
        Spec("resources").Properties.Keys.Should().BeEquivalentTo("claims", "limits", "requests");
        Spec("securityContext").Properties.Should().ContainKeys("runAsUser", "runAsNonRoot", "readOnlyRootFilesystem", "capabilities", "seccompProfile");
        Spec("securityContext").Properties["runAsUser"].Should().BeEquivalentTo(new { Type = "integer", Format = "int64" });
        Spec("tolerations").Items.As<V1JSONSchemaProps>().Properties.Keys.Should().BeEquivalentTo("effect", "key", "operator", "tolerationSeconds", "value");
        var volume = Spec("volumes").Items.As<V1JSONSchemaProps>();
        volume.Properties.Should().ContainKeys("name", "secret", "configMap", "persistentVolumeClaim", "emptyDir", "projected", "csi");
        volume.Properties["emptyDir"].Properties["sizeLimit"].XKubernetesIntOrString.Should().BeTrue();
        var conditions = _root.Properties["status"].Properties["conditions"].Items.As<V1JSONSchemaProps>();
        conditions.Properties["lastTransitionTime"].Format.Should().Be("date-time");
        conditions.Required.Should().Equal(["lastTransitionTime"],
            "non-nullable value types are required; reference types carry no requiredness in KubernetesClient");
    }

    [Test]
    public void A_recursive_type_is_cut_at_the_cycle_and_keeps_unknown_fields_there()
    {
        var tree = Spec("tree");
        tree.Properties["value"].Type.Should().Be("string");
        var child = tree.Properties["children"].Items.As<V1JSONSchemaProps>();
        child.Should().BeEquivalentTo(new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true });
    }

    [Test]
    public void Descriptions_come_from_the_xml_documentation()
    {
        Spec("displayName").Description.Should().Be("Display name, lower-case letters only. Written as displayName.");
        Spec("tree").Description.Should().Be("A tree of nodes; the type refers to itself.");
        Spec("template").Description.Should().Be("Pod template for the workers.", "our own property keeps its text even when its type is a Kubernetes model");
    }

    [Test]
    public void Kubernetes_model_descriptions_are_included_on_request()
    {
        var described = new OpenApiSchemaBuilder(new XmlDocumentation(), new SchemaOptions { DescribeKubernetesModelFields = true }).ForEntity(typeof(Widget));
        var template = described.Properties["spec"].Properties["template"];
        template.Properties["spec"].Properties["containers"].Description.Should().Be(
            "List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.");
        template.Properties["metadata"].Properties["labels"].Description.Should().StartWith("Map of string keys and values");
        StructuralSchemaRules.Violations(described).Should().BeEmpty();

        var podSpec = _spec.Properties["template"].Properties["spec"];
        podSpec.Properties["containers"].Description.Should().BeNull();
        KubernetesJson.Serialize(described).Length.Should().BeGreaterThan(2 * KubernetesJson.Serialize(_root).Length,
            "the option exists because upstream prose multiplies the size of schemas that embed Kubernetes types");
    }
}
