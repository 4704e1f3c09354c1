// Generates Contract.g.cs (operation table and schema rules) and Models.Partials.g.cs (request checks, list shapes)
// from openapi/akua-v1.yaml. The models themselves come from NSwag (see the project file).
//
//   dotnet Akua.Sdk.CodeGen.dll <openapi folder> <generated folder>
using System.Text.Json.Nodes;
using Akua.Sdk.CodeGen;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Akua.Sdk.CodeGen <openapi folder> <generated folder>");
    return 2;
}

var openApi = args[0];
var generated = args[1];
var facts = ContractFacts.Load(Path.Combine(openApi, "akua-v1.yaml"));

// Types NSwag leaves to hand-written code: their checks are hand-written too.
var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(openApi, "nswag.json")))!;
var handWritten = settings["codeGenerators"]!["openApiToCSharpClient"]!["excludedTypeNames"]!.AsArray()
    .Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);

Directory.CreateDirectory(generated);
CSharpWriter.Save(Path.Combine(generated, "Contract.g.cs"), ContractWriter.Write(facts));
CSharpWriter.Save(Path.Combine(generated, "Models.Partials.g.cs"), ModelPartialsWriter.Write(facts, handWritten));
return 0;
