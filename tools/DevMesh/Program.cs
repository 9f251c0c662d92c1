using DevMesh.Runner;

return await DevMeshCli.RunAsync(args);
