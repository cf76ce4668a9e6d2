// The storage account for the Functions host and the app: every table and queue the code uses (names from
// ../storage-names.json, kept equal to StorageNames in the code by a test), a poison queue per queue, and the blob
// container Flex Consumption deploys the app package from. Shared-key access is off, so only Entra identities get in.

param name string
param location string
param tags object

@allowed(['Standard_LRS', 'Standard_ZRS'])
param skuName string

param tables string[]
param queues string[]

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('The user-assigned identity of the Function App.')
param identityName string

var roles = {
  // Host: blob leases, timer schedule status, keys, deployment package.
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Queue triggers and the app's WorkQueue (send, receive, delete, move to poison).
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // The app's state in Table storage.
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

// The Functions host moves a message to '<queue>-poison' after the last failed attempt (StorageNames.Queues.PoisonOf).
var allQueues = flatten(map(queues, queue => [queue, '${queue}-poison']))

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    publicNetworkAccess: 'Enabled'
  }

  resource blobService 'blobServices' = {
    name: 'default'

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource table 'tables' = [
      for table in tables: {
        name: table
      }
    ]
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource queue 'queues' = [
      for queue in allQueues: {
        name: queue
      }
    ]
  }
}

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in items(roles): {
    name: guid(storage.id, identity.id, role.value)
    scope: storage
    properties: {
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output deploymentContainerName string = storage::blobService::deploymentContainer.name
