import { MigrationInterface, QueryRunner } from 'typeorm';

/** The chunk size this migration splits existing values into (the app's DATASET_CHUNK_BYTES when it was written). */
const CHUNK_BYTES = 1 << 20;

/**
 * Dataset values in chunks (issue 7): `dataset_data` (one x BLOB and one y BLOB per dataset) becomes
 * `dataset_chunk` (datasetId, vector 'x'|'y', byteOffset, bytes of at most 1 MiB), so storing or loading a large
 * dataset never makes SQLite or better-sqlite3 copy the whole matrix at once. Existing rows are split inside SQLite
 * (substr on a BLOB counts bytes) without passing through JavaScript; down joins them again.
 */
export class DatasetChunks1764300000000 implements MigrationInterface {
  name = 'DatasetChunks1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dataset_chunk" ("datasetId" varchar NOT NULL, "vector" varchar NOT NULL, "byteOffset" integer NOT NULL, "bytes" blob NOT NULL, CONSTRAINT "FK_11aa3577a512623dd64d9247f14" FOREIGN KEY ("datasetId") REFERENCES "dataset" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("datasetId", "vector", "byteOffset"))`,
    );
    const stored = (await queryRunner.query(
      `SELECT "datasetId", length("x") AS "xBytes", length("y") AS "yBytes" FROM "dataset_data"`,
    )) as { datasetId: string; xBytes: number; yBytes: number }[];
    for (const { datasetId, xBytes, yBytes } of stored) {
      for (const [vector, length] of [
        ['x', xBytes],
        ['y', yBytes],
      ] as const) {
        for (let offset = 0; offset < length; offset += CHUNK_BYTES) {
          // substr is 1-based.
          await queryRunner.query(
            `INSERT INTO "dataset_chunk" ("datasetId", "vector", "byteOffset", "bytes") SELECT "datasetId", ?, ?, substr("${vector}", ?, ?) FROM "dataset_data" WHERE "datasetId" = ?`,
            [vector, offset, offset + 1, CHUNK_BYTES, datasetId],
          );
        }
      }
    }
    await queryRunner.query(`DROP TABLE "dataset_data"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "dataset_data" ("datasetId" varchar PRIMARY KEY NOT NULL, "x" blob NOT NULL, "y" blob NOT NULL, CONSTRAINT "FK_41a8150c47d724782cbebb18ebe" FOREIGN KEY ("datasetId") REFERENCES "dataset" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    const datasets = (await queryRunner.query(`SELECT DISTINCT "datasetId" FROM "dataset_chunk"`)) as {
      datasetId: string;
    }[];
    for (const { datasetId } of datasets) {
      const vector = async (name: 'x' | 'y'): Promise<Buffer> => {
        const chunks = (await queryRunner.query(
          `SELECT "bytes" FROM "dataset_chunk" WHERE "datasetId" = ? AND "vector" = ? ORDER BY "byteOffset"`,
          [datasetId, name],
        )) as { bytes: Buffer }[];
        return Buffer.concat(chunks.map((chunk) => chunk.bytes));
      };
      await queryRunner.query(`INSERT INTO "dataset_data" ("datasetId", "x", "y") VALUES (?, ?, ?)`, [
        datasetId,
        await vector('x'),
        await vector('y'),
      ]);
    }
    await queryRunner.query(`DROP TABLE "dataset_chunk"`);
  }
}
