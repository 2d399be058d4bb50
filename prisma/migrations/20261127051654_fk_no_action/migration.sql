-- Migration 20261127051654_fk_no_action: written by `cli.ts new-migration` from the schema diff.
-- DropForeignKey
ALTER TABLE "Integration" DROP CONSTRAINT "Integration_erpConnectionId_fkey";

-- DropForeignKey
ALTER TABLE "IntegrationChannel" DROP CONSTRAINT "IntegrationChannel_connectionId_fkey";

-- DropForeignKey
ALTER TABLE "Mapping" DROP CONSTRAINT "Mapping_publishedVersionId_fkey";

-- DropForeignKey
ALTER TABLE "SyncRun" DROP CONSTRAINT "SyncRun_mappingVersionId_fkey";

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_erpConnectionId_fkey" FOREIGN KEY ("erpConnectionId") REFERENCES "Connection"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IntegrationChannel" ADD CONSTRAINT "IntegrationChannel_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mapping" ADD CONSTRAINT "Mapping_publishedVersionId_fkey" FOREIGN KEY ("publishedVersionId") REFERENCES "MappingVersion"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_mappingVersionId_fkey" FOREIGN KEY ("mappingVersionId") REFERENCES "MappingVersion"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
