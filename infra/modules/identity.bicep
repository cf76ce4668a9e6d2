// The one identity the Function App runs as. Every data-plane permission is granted to it in the module that
// creates the resource, at that resource's scope only.

param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output name string = identity.name
output id string = identity.id
output clientId string = identity.properties.clientId
