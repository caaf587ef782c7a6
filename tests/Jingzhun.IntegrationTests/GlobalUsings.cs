// What nearly every integration test uses: HTTP, JSON nodes and the shared test infrastructure.
global using System.Globalization;
global using System.Net;
global using System.Net.Http.Headers;
global using System.Net.Http.Json;
global using System.Text.Json.Nodes;
global using Jingzhun.IntegrationTests.Infrastructure;
