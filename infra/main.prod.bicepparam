// Production: Standard SignalR (SLA, 1,000 connections per unit), zone-redundant storage, up to 100 instances.
// Still scale to zero; set alwaysReadyHttpInstances to keep HTTP warm at a cost (README, "Deploy").
// Deployment-specific values (names, origins, audience, SMS number) come from the environment as in main.bicepparam.
using 'main.bicep'
extends 'main.bicepparam'

param stage = 'prod'
