namespace KubeStash.Tests.Runtime;

/// <summary>The CustomResourceDefinition of <see cref="TestWidget"/>, with a /status subresource.</summary>
public static class TestWidgetCrd
{
    public const string Yaml = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: testwidgets.runtime.test.example.com
        spec:
          group: runtime.test.example.com
          scope: Namespaced
          names:
            kind: TestWidget
            listKind: TestWidgetList
            plural: testwidgets
            singular: testwidget
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size:
                        type: integer
                      message:
                        type: string
                  status:
                    type: object
                    properties:
                      observedGeneration:
                        type: integer
                      observedSize:
                        type: integer
                      phase:
                        type: string
        """;
}
