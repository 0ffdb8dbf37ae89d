//! A table function that lets DuckDB read Rust rows on all its threads.
//!
//! An appender feeds DuckDB from one thread: each value is converted into the appender's
//! buffer, then copied into the table's transaction-local storage, then compressed, all on the
//! caller's thread. `INSERT INTO events SELECT * FROM tacitus_rows(id)` instead lets every
//! DuckDB thread take vector-sized slices of the rows and insert them into its own row groups,
//! as DuckDB's own `CREATE TABLE AS` does: one statement, so still one transaction.
//!
//! Values go straight from the rows into DuckDB's vectors, through the getters of
//! [`Column`]s. Strings are not even copied: a DuckDB string points at the row's own bytes,
//! which stay borrowed until the statement has finished with them (see [`insert`]), and needs
//! no UTF-8 check, since Rust strings are valid UTF-8 already.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use duckdb::core::{DataChunkHandle, LogicalTypeHandle, LogicalTypeId};
use duckdb::ffi;
use duckdb::vtab::{BindInfo, InitInfo, TableFunctionInfo, VTab};
use duckdb::Connection;

/// The SQL name of the table function.
const FUNCTION: &str = "tacitus_rows";

/// One column of a row type `R`: its name in the table and how to read it from a row.
pub(crate) struct Column<R> {
    pub(crate) name: &'static str,
    pub(crate) get: Getter<R>,
}

/// How a column's value is read from a row, by the column's DuckDB type (`None` is NULL).
pub(crate) enum Getter<R> {
    Varchar(for<'r> fn(&'r R) -> Option<&'r str>),
    UBigint(fn(&R) -> u64),
    Bigint(fn(&R) -> i64),
    Integer(fn(&R) -> i32),
    UTinyint(fn(&R) -> u8),
    Double(fn(&R) -> Option<f64>),
    /// Days since 1970-01-01.
    Date(fn(&R) -> Option<i32>),
    /// Microseconds since 1970-01-01 00:00 UTC.
    Timestamp(fn(&R) -> i64),
}

impl<R> Getter<R> {
    fn type_id(&self) -> LogicalTypeId {
        match self {
            Getter::Varchar(_) => LogicalTypeId::Varchar,
            Getter::UBigint(_) => LogicalTypeId::UBigint,
            Getter::Bigint(_) => LogicalTypeId::Bigint,
            Getter::Integer(_) => LogicalTypeId::Integer,
            Getter::UTinyint(_) => LogicalTypeId::UTinyint,
            Getter::Double(_) => LogicalTypeId::Double,
            Getter::Date(_) => LogicalTypeId::Date,
            Getter::Timestamp(_) => LogicalTypeId::Timestamp,
        }
    }
}

/// Inserts `rows` into `table`, by column name, in one statement of the transaction `tx` that
/// all of DuckDB's threads work on; table columns not in `columns` take their defaults.
pub(crate) fn insert<R: Sync>(
    tx: &duckdb::Transaction<'_>,
    table: &str,
    columns: &[Column<R>],
    rows: &[R],
) -> duckdb::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let rows = Rows { columns, rows };
    let lent = Lent::new(&rows);
    // `execute` prepares, runs and drops the statement before `lent` is dropped, and nothing of
    // the statement outlives it.
    tx.execute(
        &format!("INSERT INTO {table} BY NAME SELECT * FROM {FUNCTION}(?)"),
        [lent.id],
    )?;
    Ok(())
}

/// Runs `sql`, in which `{rows}` stands for the table of `rows`, and maps its result rows.
pub(crate) fn query<R: Sync, T>(
    conn: &Connection,
    sql: &str,
    columns: &[Column<R>],
    rows: &[R],
    map: impl FnMut(&duckdb::Row<'_>) -> duckdb::Result<T>,
) -> duckdb::Result<Vec<T>> {
    let rows = Rows { columns, rows };
    let lent = Lent::new(&rows);
    let mut stmt = conn.prepare(&sql.replace("{rows}", &format!("{FUNCTION}(?)")))?;
    let result = stmt.query_map([lent.id], map)?.collect();
    result
}

/// Makes `tacitus_rows` known to the database `conn` belongs to.
pub(crate) fn register(conn: &Connection) -> duckdb::Result<()> {
    conn.register_table_function::<RowScan>(FUNCTION)
}

/// Rows of one type with their columns, seen by DuckDB only through this trait.
trait RowSource: Sync {
    fn columns(&self) -> Vec<(&'static str, LogicalTypeId)>;
    fn len(&self) -> usize;
    /// Writes rows `first..first + count` of column `column` into `vector`.
    ///
    /// # Safety
    /// `vector` must be a vector of the column's type with room for `count` rows, read by
    /// DuckDB only while the rows are borrowed.
    unsafe fn write(&self, column: usize, first: usize, count: usize, vector: ffi::duckdb_vector);
}

struct Rows<'a, R> {
    columns: &'a [Column<R>],
    rows: &'a [R],
}

impl<R: Sync> RowSource for Rows<'_, R> {
    fn columns(&self) -> Vec<(&'static str, LogicalTypeId)> {
        self.columns
            .iter()
            .map(|c| (c.name, c.get.type_id()))
            .collect()
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    unsafe fn write(&self, column: usize, first: usize, count: usize, vector: ffi::duckdb_vector) {
        let rows = &self.rows[first..first + count];
        let out = Vector(vector);
        // SAFETY (all arms): the caller vouches for the vector's type, room and lifetime.
        unsafe {
            match &self.columns[column].get {
                Getter::Varchar(get) => out.fill_strings(rows.iter().map(get)),
                Getter::UBigint(get) => out.fill(rows.iter().map(|r| Some(get(r)))),
                Getter::Bigint(get) => out.fill(rows.iter().map(|r| Some(get(r)))),
                Getter::Integer(get) => out.fill(rows.iter().map(|r| Some(get(r)))),
                Getter::UTinyint(get) => out.fill(rows.iter().map(|r| Some(get(r)))),
                Getter::Double(get) => out.fill(rows.iter().map(get)),
                Getter::Date(get) => out.fill(rows.iter().map(get)),
                Getter::Timestamp(get) => out.fill(rows.iter().map(|r| Some(get(r)))),
            }
        }
    }
}

/// A DuckDB vector being filled.
struct Vector(ffi::duckdb_vector);

impl Vector {
    /// Writes values of the vector's physical type `T`, NULL for `None`.
    ///
    /// # Safety
    /// The vector must hold `T`s and have room for every value.
    unsafe fn fill<T>(&self, values: impl Iterator<Item = Option<T>>) {
        let data = unsafe { ffi::duckdb_vector_get_data(self.0) }.cast::<T>();
        let mut nulls = Nulls::new(self.0);
        for (row, value) in values.enumerate() {
            match value {
                Some(v) => unsafe { data.add(row).write(v) },
                None => unsafe { nulls.set(row) },
            }
        }
    }

    /// Writes strings that point at the given bytes (those of up to 12 bytes are inlined, as
    /// DuckDB keeps them), NULL for `None`.
    ///
    /// # Safety
    /// The vector must be a VARCHAR one with room for every value, and the bytes must outlive
    /// DuckDB's reading of it.
    unsafe fn fill_strings<'s>(&self, values: impl Iterator<Item = Option<&'s str>>) {
        let data = unsafe { ffi::duckdb_vector_get_data(self.0) }.cast::<ffi::duckdb_string_t>();
        let mut nulls = Nulls::new(self.0);
        for (row, value) in values.enumerate() {
            let Some(text) = value else {
                unsafe { nulls.set(row) };
                continue;
            };
            let bytes = text.as_bytes();
            let length = bytes.len() as u32;
            let value = if bytes.len() <= 12 {
                let mut inlined = [0 as std::os::raw::c_char; 12];
                for (to, from) in inlined.iter_mut().zip(bytes) {
                    *to = *from as std::os::raw::c_char;
                }
                ffi::duckdb_string_t__bindgen_ty_1 {
                    inlined: ffi::duckdb_string_t__bindgen_ty_1__bindgen_ty_2 { length, inlined },
                }
            } else {
                let mut prefix = [0 as std::os::raw::c_char; 4];
                for (to, from) in prefix.iter_mut().zip(bytes) {
                    *to = *from as std::os::raw::c_char;
                }
                ffi::duckdb_string_t__bindgen_ty_1 {
                    pointer: ffi::duckdb_string_t__bindgen_ty_1__bindgen_ty_1 {
                        length,
                        prefix,
                        ptr: bytes.as_ptr().cast_mut().cast(),
                    },
                }
            };
            unsafe { data.add(row).write(ffi::duckdb_string_t { value }) };
        }
    }
}

/// The validity mask of a vector, made writable when its first NULL is set.
struct Nulls {
    vector: ffi::duckdb_vector,
    mask: *mut u64,
}

impl Nulls {
    fn new(vector: ffi::duckdb_vector) -> Nulls {
        Nulls {
            vector,
            mask: std::ptr::null_mut(),
        }
    }

    /// # Safety
    /// `row` must be within the vector.
    unsafe fn set(&mut self, row: usize) {
        if self.mask.is_null() {
            unsafe {
                ffi::duckdb_vector_ensure_validity_writable(self.vector);
                self.mask = ffi::duckdb_vector_get_validity(self.vector);
            }
        }
        // One bit per row, set while valid (what `duckdb_validity_set_row_invalid` clears).
        unsafe { *self.mask.add(row / 64) &= !(1u64 << (row % 64)) };
    }
}

/// A pointer to rows lent to running statements. Every statement that binds it holds it by an
/// [`Arc`], and the [`Lent`] that made it waits, when dropped, until no statement does, so it is
/// never dereferenced after the borrow of the rows ends.
struct LentRows(*const (dyn RowSource + 'static));

// SAFETY: the rows are `Sync` (a bound of `RowSource`) and only read.
unsafe impl Send for LentRows {}
unsafe impl Sync for LentRows {}

/// Rows lent to running statements, by id: SQL names rows by an id that is looked up here, so
/// a made-up id is an error, never a wild pointer.
static LENT: Mutex<Option<HashMap<u64, Arc<LentRows>>>> = Mutex::new(None);
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Rows that `tacitus_rows(id)` reads until this is dropped.
struct Lent<'a> {
    id: u64,
    rows: Arc<LentRows>,
    _borrow: std::marker::PhantomData<&'a ()>,
}

impl<'a> Lent<'a> {
    fn new(rows: &'a (dyn RowSource + 'a)) -> Lent<'a> {
        // SAFETY: only the lifetime is erased; `drop` withdraws the rows, and waits for the
        // statements that hold them, before the borrow for 'a ends.
        let rows: &'static (dyn RowSource + 'static) = unsafe { std::mem::transmute(rows) };
        let rows = Arc::new(LentRows(rows));
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        lent()
            .get_or_insert_with(HashMap::new)
            .insert(id, Arc::clone(&rows));
        Lent {
            id,
            rows,
            _borrow: std::marker::PhantomData,
        }
    }
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        if let Some(map) = lent().as_mut() {
            map.remove(&self.id);
        }
        // Our own statements are gone by now; only SQL of another thread that named this id
        // while it was lent can still hold the rows.
        while Arc::strong_count(&self.rows) > 1 {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }
}

/// The registry, whatever a panicking holder left in it (entries are whole or absent).
fn lent() -> std::sync::MutexGuard<'static, Option<HashMap<u64, Arc<LentRows>>>> {
    LENT.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

struct RowScan;

/// The slices (first row, rows) of at most one vector each, and the next one to hand out.
struct Cursor {
    slices: Vec<(usize, usize)>,
    next: AtomicUsize,
}

impl VTab for RowScan {
    type InitData = Cursor;
    type BindData = Arc<LentRows>;

    fn bind(bind: &BindInfo) -> Result<Arc<LentRows>, Box<dyn std::error::Error>> {
        let id = bind.get_parameter(0).to_uint64();
        let rows = lent()
            .as_ref()
            .and_then(|map| map.get(&id).cloned())
            .ok_or_else(|| format!("{FUNCTION}: no rows {id} are lent"))?;
        // SAFETY: held while lent (see `LentRows`).
        let source = unsafe { &*rows.0 };
        for (name, type_id) in source.columns() {
            bind.add_result_column(name, LogicalTypeHandle::from(type_id));
        }
        bind.set_cardinality(source.len() as u64, true);
        Ok(rows)
    }

    fn init(init: &InitInfo) -> Result<Cursor, Box<dyn std::error::Error>> {
        // SAFETY: a plain getter of a process-wide constant.
        let vector_size = (unsafe { ffi::duckdb_vector_size() } as usize).max(1);
        // SAFETY: DuckDB hands `init` the bind data `bind` made, during the statement.
        let lent: &Arc<LentRows> = unsafe { &*init.get_bind_data::<Arc<LentRows>>() };
        // SAFETY: held while lent (see `LentRows`).
        let rows = unsafe { &*lent.0 }.len();
        let slices: Vec<(usize, usize)> = (0..rows)
            .step_by(vector_size)
            .map(|first| (first, vector_size.min(rows - first)))
            .collect();
        init.set_max_threads(slices.len().max(1) as u64);
        Ok(Cursor {
            slices,
            next: AtomicUsize::new(0),
        })
    }

    fn func(
        func: &TableFunctionInfo<Self>,
        output: &mut DataChunkHandle,
    ) -> Result<(), Box<dyn std::error::Error>> {
        let cursor = func.get_init_data();
        let Some(&(first, count)) = cursor
            .slices
            .get(cursor.next.fetch_add(1, Ordering::Relaxed))
        else {
            output.set_len(0);
            return Ok(());
        };
        // SAFETY: the statement runs while the rows are lent (see `LentRows`).
        let source = unsafe { &*func.get_bind_data().0 };
        for column in 0..output.num_columns() {
            // SAFETY: `output` has the columns `bind` declared, in order, each with room for a
            // vector of rows, and `count` is at most that; DuckDB reads them in this statement.
            unsafe {
                let vector = ffi::duckdb_data_chunk_get_vector(output.get_ptr(), column as u64);
                source.write(column, first, count, vector);
            }
        }
        output.set_len(count);
        Ok(())
    }

    fn parameters() -> Option<Vec<LogicalTypeHandle>> {
        Some(vec![LogicalTypeHandle::from(LogicalTypeId::UBigint)])
    }
}
