import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A dataset as the database knows it. Uploading under an existing name adds a new version. */
@Entity('dataset')
@Unique('UQ_dataset_name_version', ['name', 'version'])
export class DatasetEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('varchar')
  name!: string;

  @Column('integer')
  version!: number;

  @Column('varchar')
  target!: string;

  /** 'regression' or 'classification', as parseCsvDataset decided from the target column. */
  @Column('varchar')
  task!: string;

  @Column('integer')
  rows!: number;

  /** Feature (column) names, in design-matrix order. */
  @Column('simple-json')
  features!: string[];

  /**
   * Class labels in index order when the target holds them (task 'multiclass'): y stores each row's label index.
   * A numeric target uploaded for multinomial keeps its integer codes in y; its labels are those codes, in numeric
   * order ("3", "7", "9"), and it is still a regression target for the other models.
   */
  @Column('simple-json', { nullable: true })
  classes!: string[] | null;

  @Column('boolean', { default: false })
  builtin!: boolean;

  /** Where the data comes from (the provenance line of a built-in, the uploaded file name otherwise). */
  @Column('text', { nullable: true })
  source!: string | null;

  @Column('datetime')
  createdAt!: Date;
}
