using Google.Protobuf.Reflection;
using PurifierRental.ApiReference;

// api-reference <descriptor set with source info> <page to write>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: api-reference <descriptor-set.binpb> <page.md>");
    return 2;
}
var files = FileDescriptorSet.Parser.ParseFrom(File.ReadAllBytes(args[0]));
try
{
    File.WriteAllText(args[1], ReferencePage.Render(files));
    return 0;
}
catch (UndocumentedApiException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
