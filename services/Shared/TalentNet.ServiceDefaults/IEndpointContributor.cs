using Microsoft.AspNetCore.Routing;

namespace TalentNet.ServiceDefaults;

/// <summary>Endpoints a shared library adds to every service that registers it (e.g. the AsyncAPI document).</summary>
public interface IEndpointContributor
{
    void Map(IEndpointRouteBuilder endpoints);
}
