// The website widgets (web/dist: content-hashed bundles, manifest.json and staticwebapp.config.json) on an Azure
// Static Web App, Free tier: static files only, no linked API. The Function App stays reachable on its own with its
// own CORS list (the widgets call it from the organisation's site, and SignalR negotiate must reach it anyway).
// Cache and CORS headers come from staticwebapp.config.json, which azd deploys with the files.

param name string

@description('Static Web Apps run in a few regions only; the files are served from a global edge all the same.')
@allowed(['westeurope', 'centralus', 'eastus2', 'westus2', 'eastasia'])
param location string

param tags object

@description('The azd service that deploys the widgets here (azure.yaml).')
param serviceName string

resource site 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  sku: {
    name: 'Free'
    tier: 'Free'
  }
  properties: {
    // Deployed by azd with a deployment token, not from a repository.
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
    publicNetworkAccess: 'Enabled'
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostname
